using System.Globalization;
using CommandCenter.Feeds.Bus;
using StackExchange.Redis;

namespace CommandCenter.Feeds.Ingest;

/// <summary>Dead letters in a capped Redis stream (the newest 100,000), shared by every ingest process.</summary>
public sealed class RedisIngestDeadLetters(IConnectionMultiplexer redis, RedisFeedBus bus) : IIngestDeadLetters
{
    private const int Capacity = 100_000;

    public async ValueTask RecordAsync(IngestDeadLetter letter, CancellationToken cancellationToken) =>
        await redis.GetDatabase().StreamAddAsync(bus.Keys.IngestDeadLetters, [
            new("feed", letter.Feed), new("source", letter.Source ?? ""), new("status", letter.Status),
            new("reason", letter.Reason), new("raw", letter.Raw), new("bytes", letter.Bytes),
            new("at", letter.At.ToString("O", CultureInfo.InvariantCulture))], maxLength: Capacity, useApproximateMaxLength: true).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<IngestDeadLetter>> RecentAsync(int max, CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(bus.Keys.IngestDeadLetters, "-", "+", max, Order.Descending).ConfigureAwait(false);
        return [.. entries.Select(e => new IngestDeadLetter((string)e["feed"]!, NullIfEmpty(e["source"]), (int)e["status"], (string)e["reason"]!,
            (string)e["raw"]!, (long)e["bytes"], DateTimeOffset.Parse((string)e["at"]!, CultureInfo.InvariantCulture)))];
    }

    private static string? NullIfEmpty(RedisValue value) => value.IsNullOrEmpty ? null : (string)value!;
}
