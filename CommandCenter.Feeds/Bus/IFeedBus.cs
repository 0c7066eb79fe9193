using CommandCenter.Domain.Events;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// Carries feed events from adapters to consumers on two lanes: durable (never dropped) and telemetry
/// (latest-wins, may be trimmed). Every consumer gets every event; delivery is at-least-once.
/// </summary>
public interface IFeedBus
{
    ValueTask PublishAsync(FeedEvent feedEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes several events in order; returns once all are accepted. A bus that commits in groups takes them in one
    /// group rather than one round each.
    /// </summary>
    async ValueTask PublishManyAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var feedEvent in events)
        {
            await PublishAsync(feedEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts a consumer. <see cref="FeedConsumerMode.Tail"/>: this consumer sees every event published from now on.
    /// <see cref="FeedConsumerMode.Shared"/>: consumers of the same name across nodes share the work, and an event
    /// is redelivered until acknowledged.
    /// </summary>
    IFeedSubscription Subscribe(string consumer, FeedConsumerMode mode = FeedConsumerMode.Tail);
}

public enum FeedConsumerMode
{
    /// <summary>Every node sees every event (the live pictures).</summary>
    Tail = 0,

    /// <summary>One group across all nodes; each event is handled once and acknowledged (the persister).</summary>
    Shared,
}

public interface IFeedSubscription : IDisposable
{
    string Consumer { get; }

    /// <summary>Events received but not yet read.</summary>
    int Pending { get; }

    /// <summary>True while the bus cannot be read (Redis unreachable): what the wall shows may be behind.</summary>
    bool Delayed { get; }

    /// <summary>Waits for at least one event, then returns what is ready, up to <paramref name="max"/>, durable first.</summary>
    ValueTask<IReadOnlyList<FeedEvent>> ReadBatchAsync(int max, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="ReadBatchAsync"/>, each event with its position in the bus's durable log (on Redis the stream entry
    /// id as a number, see <see cref="StreamId.ToPosition"/>); 0 for telemetry and on a bus whose log is the store's.
    /// </summary>
    async ValueTask<IReadOnlyList<LoggedEvent>> ReadLoggedBatchAsync(int max, CancellationToken cancellationToken) =>
        [.. (await ReadBatchAsync(max, cancellationToken).ConfigureAwait(false)).Select(e => new LoggedEvent(0, e))];

    /// <summary>
    /// Reads the durable lane from just after log position <paramref name="position"/> rather than from the moment of
    /// subscribing: a node that loaded the store up to a position tails on from exactly there. Call before the first read.
    /// A bus whose log is the store's (the subscription already sees every commit after it was made) ignores it.
    /// </summary>
    void StartAfter(long position)
    {
    }

    /// <summary>Confirms events handled (stored); until then a shared consumer may see them again.</summary>
    ValueTask AcknowledgeAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken);
}
