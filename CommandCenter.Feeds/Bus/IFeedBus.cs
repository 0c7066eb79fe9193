using CommandCenter.Domain.Events;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// Carries feed events from adapters to consumers on two lanes: durable (never dropped) and telemetry
/// (latest-wins, may be trimmed). Every consumer gets every event; delivery is at-least-once.
/// </summary>
public interface IFeedBus
{
    ValueTask PublishAsync(FeedEvent feedEvent, CancellationToken cancellationToken = default);

    /// <summary>Starts a consumer that receives every event published from now on.</summary>
    IFeedSubscription Subscribe(string consumer);
}

public interface IFeedSubscription : IDisposable
{
    string Consumer { get; }

    /// <summary>Events received but not yet read.</summary>
    int Pending { get; }

    /// <summary>Waits for at least one event, then returns what is ready, up to <paramref name="max"/>, durable first.</summary>
    ValueTask<IReadOnlyList<FeedEvent>> ReadBatchAsync(int max, CancellationToken cancellationToken);
}
