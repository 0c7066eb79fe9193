using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Bus;

namespace CommandCenter.Feeds.Reference;

/// <summary>
/// Where processes without the store (the ingest gateways) find the reference data in force: on Redis, the keys the bus
/// also writes as it publishes an import; nowhere on the embedded default (one process).
/// </summary>
public interface IReferenceMirror
{
    Task MirrorAsync(FeedEvent imported, CancellationToken cancellationToken);
}

public sealed class NoReferenceMirror : IReferenceMirror
{
    public static NoReferenceMirror Instance { get; } = new();

    public Task MirrorAsync(FeedEvent imported, CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class RedisReferenceMirror(RedisFeedBus bus) : IReferenceMirror
{
    public Task MirrorAsync(FeedEvent imported, CancellationToken cancellationToken) => bus.MirrorReferenceAsync(imported);
}
