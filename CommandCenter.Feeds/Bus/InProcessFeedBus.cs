using System.Collections.Immutable;
using System.Threading.Channels;
using CommandCenter.Domain.Events;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// The embedded default bus: one pair of channels per consumer. The durable lane is unbounded so nothing is
/// lost; the telemetry lane is bounded and drops the oldest point when a consumer falls behind.
/// </summary>
public sealed class InProcessFeedBus(int telemetryCapacity = 10_000) : IFeedBus
{
    private ImmutableArray<Subscription> _subscribers = [];
    private long _telemetryDropped;

    public long TelemetryDropped => Interlocked.Read(ref _telemetryDropped);

    public ValueTask PublishAsync(FeedEvent feedEvent, CancellationToken cancellationToken = default)
    {
        Deliver(feedEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>Hands the event to every subscriber now (publishing in process never waits).</summary>
    public void Deliver(FeedEvent feedEvent)
    {
        ArgumentNullException.ThrowIfNull(feedEvent);
        foreach (var subscriber in _subscribers)
        {
            subscriber.Write(feedEvent);
        }
    }

    /// <remarks>In one process every consumer is alone, so both modes deliver everything; nothing needs acknowledging.</remarks>
    public IFeedSubscription Subscribe(string consumer, FeedConsumerMode mode = FeedConsumerMode.Tail)
    {
        var subscription = new Subscription(consumer, this);
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscription));
        return subscription;
    }

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscription));

    private sealed class Subscription : IFeedSubscription
    {
        private readonly InProcessFeedBus _bus;
        // Not SingleReader: that channel cannot count what it holds, and Pending reports it.
        private readonly Channel<FeedEvent> _durable = Channel.CreateUnbounded<FeedEvent>();
        private readonly Channel<FeedEvent> _telemetry;

        public Subscription(string consumer, InProcessFeedBus bus)
        {
            Consumer = consumer;
            _bus = bus;
            _telemetry = Channel.CreateBounded<FeedEvent>(
                new BoundedChannelOptions(bus.TelemetryCapacity()) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Increment(ref bus._telemetryDropped));
        }

        public string Consumer { get; }

        public int Pending => _durable.Reader.Count + _telemetry.Reader.Count;

        public bool Delayed => false;

        public void Write(FeedEvent e) => (e.Lane == FeedLane.Durable ? _durable : _telemetry).Writer.TryWrite(e);

        public async ValueTask<IReadOnlyList<FeedEvent>> ReadBatchAsync(int max, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
            while (true)
            {
                var batch = Drain(max);
                if (batch.Count > 0)
                {
                    return batch;
                }

                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var durable = _durable.Reader.WaitToReadAsync(linked.Token).AsTask();
                var telemetry = _telemetry.Reader.WaitToReadAsync(linked.Token).AsTask();
                await Task.WhenAny(durable, telemetry).ConfigureAwait(false);
                await linked.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (durable.IsCompletedSuccessfully && !durable.Result && telemetry.IsCompletedSuccessfully && !telemetry.Result)
                {
                    return [];
                }
            }
        }

        public ValueTask AcknowledgeAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public void Dispose()
        {
            _bus.Remove(this);
            _durable.Writer.TryComplete();
            _telemetry.Writer.TryComplete();
        }

        private List<FeedEvent> Drain(int max)
        {
            var batch = new List<FeedEvent>();
            while (batch.Count < max && _durable.Reader.TryRead(out var e))
            {
                batch.Add(e);
            }

            while (batch.Count < max && _telemetry.Reader.TryRead(out var e))
            {
                batch.Add(e);
            }

            return batch;
        }
    }

    private int TelemetryCapacity() => telemetryCapacity;
}
