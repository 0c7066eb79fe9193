using CommandCenter.Domain.Events;
using CommandCenter.Domain.Situation;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Live;

/// <summary>Tails the bus into the node's live situation in batches and signals the walls once per batch.</summary>
public sealed partial class SituationFeedService : BackgroundService
{
    private const int BatchSize = 2048;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    private readonly IFeedSubscription _subscription;
    private readonly IEventLog _store;
    private readonly IStoreMigrations _migrations;
    private readonly ILogFrontier _frontier;
    private readonly IProjectedTables _tables;
    private readonly StoreGate _gate;
    private readonly Feeds.Reference.ReferenceBook _reference;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LiveSituation _situation;
    private readonly WallSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<SituationFeedService> _logger;

    public SituationFeedService(IFeedBus bus, LiveSituation situation, WallSignal signal, IEventLog store, IStoreMigrations migrations, ILogFrontier frontier, IProjectedTables tables, StoreGate gate,
        Feeds.Reference.ReferenceBook reference, TimeProvider time, ILogger<SituationFeedService> logger)
    {
        _store = store;
        _migrations = migrations;
        _frontier = frontier;
        _tables = tables;
        _gate = gate;
        _reference = reference;
        // Subscribe at construction: hosted services are all built before any starts, so no feed can
        // publish before the wall's subscription exists.
        _subscription = bus.Subscribe("wall-projection", FeedConsumerMode.Tail);
        situation.TrackFeed(() => _subscription.Delayed);
        _situation = situation;
        _signal = signal;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completes once the picture is rebuilt from the store and the bus is being consumed.</summary>
    public Task Ready => _ready.Task;

    public bool IsRunning => _ready.Task.IsCompletedSuccessfully;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RehydrateAsync(stoppingToken).ConfigureAwait(false);
        var nextPrune = _time.GetUtcNow() + PruneEvery;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = await _subscription.ReadBatchAsync(BatchSize, stoppingToken).ConfigureAwait(false);
                try
                {
                    UseImportedReference(batch);
                    if (_situation.Apply(batch, LogRejected) > 0)
                    {
                        _signal.Raise();
                    }

                    if (_time.GetUtcNow() >= nextPrune)
                    {
                        nextPrune = _time.GetUtcNow() + PruneEvery;
                        var pruned = _situation.Prune(); // pruning is the work; the log line only reports it
                        LogPruned(pruned);
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
    }

    /// <summary>
    /// Rebuilds the live picture from the store before tailing the bus: the tables and the log past their mark, up to the
    /// log's frontier, then the bus from just after it, so nothing falls between what was loaded and what is tailed (on
    /// Redis an event still being stored by another node is read from the stream). On the embedded bus the subscription
    /// already holds every commit since it was made; those the load also saw are skipped as duplicates.
    /// </summary>
    private async Task RehydrateAsync(CancellationToken stoppingToken)
    {
        await _gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        var backoff = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                // With the bus unreachable (a node starting while Redis is down) the tables' mark is a point up to which the
                // log is known complete: load that much, and tail the stream from there once Redis is back.
                var complete = await _frontier.CompleteUpToAsync(stoppingToken).ConfigureAwait(false)
                    ?? await _tables.ProjectedUpToAsync(stoppingToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var events = await _store.LoadLiveAsync(now, _reference.Current.Data.Sla.Calendar.StartOfDay(now), complete, stoppingToken,
                    unprojected: true).ConfigureAwait(false);
                var read = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                _subscription.StartAfter(complete);
                _situation.Apply(events, LogRejected);
                var took = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRehydrated(events.Count, _migrations.Describe, read, took);
                _signal.Raise();
                _ready.TrySetResult();
                // The first snapshot indexes every open order (20,000 over a long record): built now, beside the first walls'
                // sign-in and connection, rather than after them.
                _ = Task.Run(() => _situation.Snapshot(_situation.Tree.Root.Code), stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRehydrateFailed(ex, _migrations.Describe);
                await Task.Delay(backoff, _time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
        }
    }

    /// <summary>
    /// Puts reference data imported on any node in force here (the book tells the live picture), before the batch's events
    /// are applied: those that follow an import in the log are read under it.
    /// </summary>
    private void UseImportedReference(IReadOnlyList<FeedEvent> batch)
    {
        foreach (var e in batch)
        {
            if (e.Payload is ReferenceImported imported)
            {
                if (_reference.Use(imported, out var problems))
                {
                    LogReferenceApplied(imported.Digest[..12], imported.By);
                }
                else if (problems.Count > 0)
                {
                    LogReferenceUnreadable(imported.Digest[..12], string.Join("; ", problems.Take(5)));
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference data {Digest} (imported by {By}) now in force")]
    private partial void LogReferenceApplied(string digest, string by);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reference data {Digest} from the log does not read and is not applied: {Problems}")]
    private partial void LogReferenceUnreadable(string digest, string problems);

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }

    private void LogRejected(FeedEvent feedEvent, ApplyOutcome outcome) => LogEventRejected(feedEvent.Id, feedEvent.Kind, outcome.Reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} ({Kind}) not applied: {Reason}")]
    private partial void LogEventRejected(string eventId, FeedEventKind kind, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live picture rebuilt from {Count} stored events ({Store}) in {Milliseconds} ms, {ReadMilliseconds} ms of it reading the store")]
    private partial void LogRehydrated(int count, string store, long readMilliseconds, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuilding the live picture from {Store} failed; retrying")]
    private partial void LogRehydrateFailed(Exception exception, string store);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying a batch of {Count} events failed")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} finished items from the live situation")]
    private partial void LogPruned(int count);
}
