using System.Collections.Concurrent;
using CommandCenter.Feeds.Bus;
using StackExchange.Redis;

namespace CommandCenter.Feeds.Ingest;

/// <summary>Signed messages' ids seen recently, so a replay is refused: shared by every ingest process on Redis.</summary>
public interface IMessageIds
{
    /// <summary>True the first time <paramref name="key"/> is offered within <paramref name="keep"/>; false for a replay.</summary>
    ValueTask<bool> FirstSightingAsync(string key, TimeSpan keep);
}

/// <summary>Message ids in this process's memory (the embedded default), each dropped once it could pass no timestamp check.</summary>
public sealed class InMemoryMessageIds(TimeProvider time) : IMessageIds
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    public ValueTask<bool> FirstSightingAsync(string key, TimeSpan keep)
    {
        var now = time.GetUtcNow();
        if (now >= _nextSweep)
        {
            _nextSweep = now + TimeSpan.FromSeconds(30);
            foreach (var (id, until) in _until)
            {
                if (until < now)
                {
                    _until.TryRemove(id, out _);
                }
            }
        }

        return ValueTask.FromResult(_until.TryAdd(key, now + keep));
    }
}

/// <summary>Message ids in Redis (<c>SET … NX PX</c>), so a replay sent to another gateway is refused too.</summary>
public sealed class RedisMessageIds(IConnectionMultiplexer redis, RedisFeedBus bus) : IMessageIds
{
    public async ValueTask<bool> FirstSightingAsync(string key, TimeSpan keep) =>
        await redis.GetDatabase().StringSetAsync(bus.Keys.SeenMessage(key), 1, keep, When.NotExists).ConfigureAwait(false);
}
