using System.Collections.Concurrent;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// Message ids seen recently (for replay refusal): each kept until it could no longer pass the timestamp check, so
/// memory stays bounded by the rate times the tolerance. Per process; several gateways share a message's event id,
/// which the store deduplicates in any case.
/// </summary>
internal sealed class SeenMessages
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    /// <summary>True the first time an id is offered (until <paramref name="keepUntil"/>), false for a replay.</summary>
    public bool FirstSighting(string id, DateTimeOffset keepUntil)
    {
        var now = keepUntil - WebhookSignature.Tolerance - WebhookSignature.Tolerance;
        if (now >= _nextSweep)
        {
            _nextSweep = now + TimeSpan.FromSeconds(30);
            foreach (var (key, until) in _until)
            {
                if (until < now)
                {
                    _until.TryRemove(key, out _);
                }
            }
        }

        return _until.TryAdd(id, keepUntil);
    }
}
