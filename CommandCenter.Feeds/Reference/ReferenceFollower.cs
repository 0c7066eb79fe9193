using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Bus;
using CommandCenter.Feeds.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CommandCenter.Feeds.Reference;

/// <summary>
/// Keeps the ingest gateway's reference data equal to the store's, without a restart: the Redis bus keeps the latest
/// reference event under a key as it publishes it; this polls that key's digest every two seconds and puts a new edition
/// in force. Until a node has published one the gateway uses the folder's (Reference:Path).
/// </summary>
public sealed partial class ReferenceFollower(RedisFeedBus bus, ReferenceBook book, TimeProvider time, ILogger<ReferenceFollower> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? seen = null;
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var digest = (string?)await bus.Database.StringGetAsync(bus.Keys.ReferenceDigest).ConfigureAwait(false);
                if (digest is not null && digest != seen && digest != book.Current.Digest)
                {
                    var json = (string?)await bus.Database.StringGetAsync(bus.Keys.Reference).ConfigureAwait(false);
                    if (json is not null && FeedEventJson.Deserialize(json).Payload is ReferenceImported imported)
                    {
                        if (book.Use(imported, out var problems))
                        {
                            LogApplied(imported.Digest[..12], imported.By);
                        }
                        else if (problems.Count > 0)
                        {
                            LogUnreadable(imported.Digest[..12], string.Join("; ", problems.Take(5)));
                        }
                    }
                }

                seen = digest;
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException or RedisConnectionException or System.Text.Json.JsonException)
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference data {Digest} (imported by {By}) now in force")]
    private partial void LogApplied(string digest, string by);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reference data {Digest} in Redis does not read and is not applied: {Problems}")]
    private partial void LogUnreadable(string digest, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the reference data from Redis failed; retrying")]
    private partial void LogFailed(Exception exception);
}
