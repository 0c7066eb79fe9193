using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// The production bus on Redis Streams: a durable stream (never capped) and a telemetry stream (capped,
/// latest-wins). Shared consumers read through a consumer group and acknowledge after handling; entries of a
/// dead consumer are claimed after a while; an entry that cannot be read, or is delivered too often, goes to the
/// dead-letter stream with its reason. Tail consumers read everything from the moment they subscribe.
/// </summary>
public sealed partial class RedisFeedBus(IConnectionMultiplexer redis, IOptions<RedisBusOptions> options, TimeProvider time,
    ILogger<RedisFeedBus> logger) : IFeedBus
{
    internal const string EventField = "event";

    public RedisKeys Keys { get; } = new(options.Value.Prefix);

    internal RedisBusOptions Options => options.Value;

    internal IDatabase Database => redis.GetDatabase();

    internal TimeProvider Time => time;

    internal ILogger Logger => logger;

    public async ValueTask PublishAsync(FeedEvent feedEvent, CancellationToken cancellationToken = default)
    {
        var json = FeedEventJson.Serialize(feedEvent);
        var fields = new NameValueEntry[] { new(EventField, json) };
        if (feedEvent.Payload is ReferenceImported imported)
        {
            // Also kept under a key, so a gateway that starts after the stream was trimmed finds the data in force.
            var transaction = Database.CreateTransaction();
            _ = transaction.StreamAddAsync(Keys.Durable, fields);
            _ = transaction.StringSetAsync([new(Keys.Reference, json), new(Keys.ReferenceDigest, imported.Digest)]);
            if (!await transaction.ExecuteAsync().ConfigureAwait(false))
            {
                throw new RedisException("publishing the reference data did not commit");
            }
        }
        else if (feedEvent.Lane == FeedLane.Durable)
        {
            await Database.StreamAddAsync(Keys.Durable, fields).ConfigureAwait(false);
        }
        else
        {
            await Database.StreamAddAsync(Keys.Telemetry, fields, maxLength: options.Value.TelemetryMaxLength,
                useApproximateMaxLength: true).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps a reference-data event under its keys (unless they already hold its digest), for gateways that start later.</summary>
    public async Task MirrorReferenceAsync(FeedEvent imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        if (imported.Payload is ReferenceImported payload &&
            (string?)await Database.StringGetAsync(Keys.ReferenceDigest).ConfigureAwait(false) != payload.Digest)
        {
            await Database.StringSetAsync([new(Keys.Reference, FeedEventJson.Serialize(imported)), new(Keys.ReferenceDigest, payload.Digest)])
                .ConfigureAwait(false);
        }
    }

    public IFeedSubscription Subscribe(string consumer, FeedConsumerMode mode = FeedConsumerMode.Tail) =>
        mode == FeedConsumerMode.Shared ? new SharedSubscription(this, consumer) : new TailSubscription(this, consumer);

    /// <summary>Entries that could not be delivered, newest first, with their reasons.</summary>
    public async Task<IReadOnlyList<(string Reason, string Raw, string Stream)>> DeadLettersAsync(int max)
    {
        var entries = await Database.StreamRangeAsync(Keys.DeadLetters, "-", "+", max, Order.Descending).ConfigureAwait(false);
        return [.. entries.Select(e => ((string)e["reason"]!, (string)e["raw"]!, (string)e["stream"]!))];
    }

    internal async Task DeadLetterAsync(string stream, StreamEntry entry, string reason)
    {
        LogDeadLettered(entry.Id.ToString(), stream, reason);
        Telemetry.CenterMetrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("where", "bus"));
        await Database.StreamAddAsync(Keys.DeadLetters, [
            new NameValueEntry("reason", reason), new NameValueEntry("raw", entry[EventField].IsNull ? "" : entry[EventField].ToString()),
            new NameValueEntry("stream", stream), new NameValueEntry("entry", entry.Id.ToString())]).ConfigureAwait(false);
    }

    /// <summary>Reads an entry; null (and the reason) when it is not a valid event.</summary>
    internal static (FeedEvent? Event, string? Problem) Parse(StreamEntry entry)
    {
        var raw = entry[EventField];
        if (raw.IsNullOrEmpty)
        {
            return (null, $"entry has no '{EventField}' field");
        }

        try
        {
            return (FeedEventJson.Deserialize(raw!), null);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or FormatException)
        {
            return (null, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus entry {EntryId} of {Stream} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string entryId, string stream, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis bus unreachable for consumer {Consumer}; retrying")]
    internal partial void LogBusDown(Exception exception, string consumer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis bus reachable again for consumer {Consumer}")]
    internal partial void LogBusRestored(string consumer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group} on {Stream} was missing (Redis emptied?); recreated")]
    internal partial void LogGroupRecreated(string group, string stream);
}
