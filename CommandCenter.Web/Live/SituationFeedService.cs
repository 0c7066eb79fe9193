using CommandCenter.Domain.Events;
using CommandCenter.Domain.Situation;
using CommandCenter.Feeds.Bus;

namespace CommandCenter.Web.Live;

/// <summary>Tails the bus into the node's live situation in batches and signals the walls once per batch.</summary>
public sealed partial class SituationFeedService : BackgroundService
{
    private const int BatchSize = 2048;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    private readonly IFeedSubscription _subscription;
    private readonly LiveSituation _situation;
    private readonly WallSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<SituationFeedService> _logger;

    public SituationFeedService(IFeedBus bus, LiveSituation situation, WallSignal signal, TimeProvider time,
        ILogger<SituationFeedService> logger)
    {
        // Subscribe at construction: hosted services are all built before any starts, so no feed can
        // publish before the wall's subscription exists.
        _subscription = bus.Subscribe("wall-projection");
        _situation = situation;
        _signal = signal;
        _time = time;
        _logger = logger;
    }

    /// <summary>True once the service is consuming the bus.</summary>
    public bool IsRunning { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The subscription exists since construction, so the wall is ready as soon as the host starts it.
        IsRunning = true;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPrune = _time.GetUtcNow() + PruneEvery;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = await _subscription.ReadBatchAsync(BatchSize, stoppingToken).ConfigureAwait(false);
                try
                {
                    if (_situation.Apply(batch, LogRejected) > 0)
                    {
                        _signal.Raise();
                    }

                    if (_time.GetUtcNow() >= nextPrune)
                    {
                        nextPrune = _time.GetUtcNow() + PruneEvery;
                        LogPruned(_situation.Prune());
                    }
                }
                catch (Exception ex)
                {
                    // One bad batch must not stop the wall; the projection already isolates each event.
                    LogBatchFailed(ex, batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            IsRunning = false;
        }
    }

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }

    private void LogRejected(FeedEvent feedEvent, ApplyOutcome outcome) => LogEventRejected(feedEvent.Id, feedEvent.Kind, outcome.Reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} ({Kind}) not applied: {Reason}")]
    private partial void LogEventRejected(string eventId, FeedEventKind kind, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying a batch of {Count} events failed")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} finished items from the live situation")]
    private partial void LogPruned(int count);
}
