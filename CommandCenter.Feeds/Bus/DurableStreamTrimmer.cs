using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// Keeps the durable stream from growing forever without ever trimming what is not yet stored: entries go only
/// when every consumer group has acknowledged them (below each group's oldest pending entry and at or before what it
/// was last delivered) and when they are older than <see cref="RedisBusOptions.DurableRetentionMinutes"/>, which
/// keeps a window for nodes that tail the stream or rebuild from a snapshot. Any node may run it; trimming is idempotent.
/// </summary>
public sealed partial class DurableStreamTrimmer(RedisFeedBus bus, ILogger<DurableStreamTrimmer> logger) : BackgroundService
{
    /// <summary>Trims once; returns how many entries went.</summary>
    public async Task<long> TrimAsync()
    {
        var db = bus.Database;
        var stream = bus.Keys.Durable;
        if (!await db.KeyExistsAsync(stream).ConfigureAwait(false))
        {
            return 0;
        }

        var groups = await db.StreamGroupInfoAsync(stream).ConfigureAwait(false);
        if (groups.Length == 0)
        {
            return 0; // nobody has stored anything yet
        }

        var retention = TimeSpan.FromMinutes(bus.Options.DurableRetentionMinutes);
        var bound = StreamId.Parse($"{(bus.Time.GetUtcNow() - retention).ToUnixTimeMilliseconds()}-0");
        foreach (var group in groups)
        {
            var safe = StreamId.Parse(group.LastDeliveredId ?? "0-0");
            if (group.PendingMessageCount > 0)
            {
                var pending = await db.StreamPendingAsync(stream, group.Name).ConfigureAwait(false);
                safe = StreamId.Min(safe, StreamId.Parse(pending.LowestPendingMessageId.ToString()));
            }

            bound = StreamId.Min(bound, safe);
        }

        if (bound == StreamId.Zero)
        {
            return 0;
        }

        var trimmed = await db.StreamTrimByMinIdAsync(stream, bound.ToString()).ConfigureAwait(false);
        if (trimmed > 0)
        {
            LogTrimmed(trimmed, bound);
        }

        return trimmed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), bus.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await TrimAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException)
            {
                LogTrimFailed(ex); // the next minute tries again; an untrimmed stream only costs memory
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trimmed {Count} stored entries from the durable stream (below {MinId})")]
    private partial void LogTrimmed(long count, StreamId minId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not trim the durable stream; retrying in a minute")]
    private partial void LogTrimFailed(Exception exception);
}
