using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Feeds.Ingest;

/// <summary>Recognises a source by its API key (in constant time) and meters how fast each source posts.</summary>
public sealed class IngestSources(IOptionsMonitor<IngestOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    /// <summary>The source holding this key, or null. Every configured key is compared, so timing reveals nothing.</summary>
    public string? Authenticate(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 256)
        {
            return null;
        }

        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        string? found = null;
        foreach (var (name, source) in options.CurrentValue.Sources)
        {
            if (string.IsNullOrEmpty(source.ApiKey))
            {
                continue;
            }

            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(source.ApiKey));
            if (CryptographicOperations.FixedTimeEquals(offered, expected))
            {
                found = name;
            }
        }

        return found;
    }

    public bool MayPost(string source, string feed) =>
        options.CurrentValue.Sources.TryGetValue(source, out var s) && (s.Feeds.Length == 0 || s.Feeds.Contains(feed, StringComparer.Ordinal));

    /// <summary>Takes a permit for one request of <paramref name="partition"/>; false means answer 429.</summary>
    public bool TryAcquire(string partition)
    {
        var bucket = _buckets.GetOrAdd(partition, _ =>
        {
            var o = options.CurrentValue;
            return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.Burst,
                TokensPerPeriod = o.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        using var lease = bucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
