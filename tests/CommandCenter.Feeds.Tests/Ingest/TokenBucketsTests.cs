using CommandCenter.Feeds.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Feeds.Tests.Ingest;

/// <summary>Per-caller rate limits refill on the clock and forget callers that went quiet, however many there were.</summary>
public sealed class TokenBucketsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public void A_partition_gets_its_burst_then_its_rate()
    {
        var buckets = new TokenBuckets(_clock, () => (3, 2));

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => buckets.TryTake("ip:10.0.0.1")));
        Assert.True(buckets.TryTake("ip:10.0.0.2")); // another caller has its own bucket
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal([true, false], Enumerable.Range(0, 2).Select(_ => buckets.TryTake("ip:10.0.0.1")));
    }

    [Fact]
    public void Callers_that_went_quiet_are_forgotten()
    {
        var buckets = new TokenBuckets(_clock, () => (10, 5));
        for (var i = 0; i < 5000; i++)
        {
            buckets.TryTake($"ip:198.51.{i / 256}.{i % 256}");
        }

        Assert.Equal(5000, buckets.Partitions);
        _clock.Advance(TimeSpan.FromSeconds(2)); // long enough to be full again: nothing to remember
        buckets.TryTake("ip:10.0.0.9");

        Assert.Equal(1, buckets.Partitions);
    }

    [Fact]
    public void A_caller_still_short_of_tokens_is_not_forgotten()
    {
        var buckets = new TokenBuckets(_clock, () => (10, 1));
        for (var i = 0; i < 10; i++)
        {
            buckets.TryTake("ip:10.0.0.1");
        }

        _clock.Advance(TimeSpan.FromSeconds(2));
        buckets.TryTake("ip:10.0.0.2");

        Assert.Equal(2, buckets.Partitions);
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => buckets.TryTake("ip:10.0.0.1")));
    }
}
