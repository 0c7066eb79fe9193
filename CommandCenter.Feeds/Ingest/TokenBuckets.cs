namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// One token bucket per partition (a source, or an unknown caller's address), on the app's clock: <c>burst</c> tokens,
/// refilled at <c>perSecond</c>. A partition's bucket is dropped once it has been idle long enough to be full again, so
/// a flood from many addresses leaves nothing behind (at most <see cref="MaxPartitions"/> are held at once; past that the
/// least recently used go first).
/// </summary>
/// <remarks>
/// System.Threading.RateLimiting's partitioned limiter also evicts idle partitions, but on a real-time timer that tests
/// cannot move; this is the same arithmetic on <see cref="TimeProvider"/>, so eviction is tested without waiting.
/// </remarks>
public sealed class TokenBuckets(TimeProvider time, Func<(int Burst, int PerSecond)> limits)
{
    public const int MaxPartitions = 100_000;

    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _sweptAt;

    public int Partitions
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>Takes one token for <paramref name="partition"/>; false means it is over its rate.</summary>
    public bool TryTake(string partition)
    {
        var (burst, perSecond) = limits();
        var now = time.GetTimestamp();
        lock (_gate)
        {
            Sweep(now, burst, perSecond);
            if (!_buckets.TryGetValue(partition, out var bucket))
            {
                bucket = new Bucket { Tokens = burst, At = now };
                _buckets[partition] = bucket;
            }

            bucket.Tokens = Math.Min(burst, bucket.Tokens + time.GetElapsedTime(bucket.At, now).TotalSeconds * perSecond);
            bucket.At = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    /// <summary>At most once a second: drops buckets idle long enough to be full, and the oldest past the cap.</summary>
    private void Sweep(long now, int burst, int perSecond)
    {
        if (time.GetElapsedTime(_sweptAt, now) < TimeSpan.FromSeconds(1) && _buckets.Count < MaxPartitions)
        {
            return;
        }

        _sweptAt = now;
        var refill = TimeSpan.FromSeconds((double)burst / Math.Max(perSecond, 1));
        foreach (var (partition, bucket) in _buckets)
        {
            if (time.GetElapsedTime(bucket.At, now) >= refill)
            {
                _buckets.Remove(partition);
            }
        }

        if (_buckets.Count >= MaxPartitions)
        {
            foreach (var partition in _buckets.OrderBy(b => b.Value.At).Take(_buckets.Count - MaxPartitions + MaxPartitions / 10).Select(b => b.Key).ToList())
            {
                _buckets.Remove(partition);
            }
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long At { get; set; }
    }
}
