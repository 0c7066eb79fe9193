using CommandCenter.Domain.Events;
using CommandCenter.Domain.Sla;
using CommandCenter.Feeds.Bus;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Storage;

/// <summary>
/// Log first, then project: brings the projected tables up to the event log, in log order, a batch per transaction that
/// also moves the tables' mark, and never past the log's frontier (<see cref="ILogFrontier"/>: on Redis, the point up to
/// which every stream entry is stored, whichever node stores it). At start it resumes from the mark, so whatever a crash
/// left committed but not projected is projected then; nothing depends on a message in memory.
/// <para>
/// On Redis every node runs one, and the one holding the mark's lease projects while the others stand by: one writer, in
/// one order, so the tables are a function of the log and no two nodes interleave writes to an order's rows. A stand-by
/// takes over when the lease lapses (its holder died), after rebuilding its picture from the mark; the compare-and-set
/// on the mark still refuses a commit from a holder that lost its lease without knowing.
/// </para>
/// </summary>
public sealed partial class LogProjector : BackgroundService, IStoreProgress
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    /// <summary>How long to sleep when no commit of this process's bus wakes it (another writer of the same log).</summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    /// <summary>How long the projection's lease runs unrenewed before a stand-by node takes over.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    private readonly IEventLog _log;
    private readonly IProjectedTables _tables;
    private readonly ILogFrontier _frontier;
    private readonly string _holder;
    private readonly StoreGate _gate;
    private readonly StateProjector _projector;
    private readonly Feeds.Reference.ReferenceBook _reference;
    private readonly TimeProvider _time;
    private readonly ILogger<LogProjector> _logger;
    private readonly int _batchSize;
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Live.ProgressSignal _progress = new();
    private long _mark;
    private DateTimeOffset? _heldUntil;
    private bool _standingBy;

    /// <summary>True until the projector's picture is loaded (it is, before the first batch is projected).</summary>
    private bool _stale;
    private long _projected;
    private long _failures;

    public LogProjector(IEventLog log, IProjectedTables tables, ILogFrontier frontier, StoreGate gate,
        Feeds.Reference.ReferenceBook reference, TimeProvider time, IOptions<StoreOptions> options, ILogger<LogProjector> logger, string? holder = null)
    {
        (_log, _tables, _frontier, _gate, _reference, _time, _logger) = (log, tables, frontier, gate, reference, time, logger);
        _holder = holder ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        _batchSize = Math.Max(1, options.Value.ProjectionBatchSize ?? StoreOptions.SqliteProjectionBatch);
        _projector = new StateProjector(reference, time);
    }

    /// <summary>The log position the tables have reached.</summary>
    public long ProjectedUpTo => Interlocked.Read(ref _mark);

    /// <summary>Events projected into the tables since start.</summary>
    public long Projected => Interlocked.Read(ref _projected);

    public long Failures => Interlocked.Read(ref _failures);

    public bool StoreDown { get; private set; }

    /// <summary>True while this node holds the projection (always, when the log has one projector).</summary>
    public bool Holding => !_standingBy;

    /// <summary>Completes once the tables have caught up with the log as it stood at start.</summary>
    public Task CaughtUp => _caughtUp.Task;

    public Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => _progress.WaitForAsync(condition, timeout);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        // Only the mark now: the projector's picture is loaded when there is first something to project, so a start over a
        // current store does not load the live orders twice (the walls' picture loads them at the same moment).
        _mark = await MarkAsync(stoppingToken).ConfigureAwait(false);
        _stale = true;
        var nextPrune = _time.GetUtcNow() + PruneEvery;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var moved = _frontier.MovedAsync(stoppingToken);
                if (!await HoldAsync(stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(IdlePoll, _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var projected = await ProjectNextAsync(stoppingToken).ConfigureAwait(false);
                if (projected == 0)
                {
                    _caughtUp.TrySetResult();
                    Signal();
                    await Task.WhenAny(moved, Task.Delay(IdlePoll, _time, stoppingToken)).ConfigureAwait(false);
                    stoppingToken.ThrowIfCancellationRequested();
                }

                if (_time.GetUtcNow() >= nextPrune)
                {
                    nextPrune = _time.GetUtcNow() + PruneEvery;
                    _projector.Prune();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// True while this node may project: always when the log has one projector; on a shared log while it holds the lease
    /// (renewed a third of the way through). A node that takes the lease over rebuilds its picture from the mark first.
    /// </summary>
    private async Task<bool> HoldAsync(CancellationToken stoppingToken)
    {
        if (!_frontier.ManyProjectors)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        if (!_standingBy && _heldUntil is { } until && now < until - (Lease * 2 / 3))
        {
            return true;
        }

        bool held;
        try
        {
            held = await _tables.TryHoldAsync(_holder, now, Lease, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            LogProjectionFailed(ex, _mark);
            return false;
        }

        if (!held)
        {
            if (!_standingBy)
            {
                LogStandingBy();
            }

            _standingBy = true;
            _caughtUp.TrySetResult(); // another node keeps the tables current
            return false;
        }

        _heldUntil = now + Lease;
        if (_standingBy)
        {
            LogTakingOver();
            _standingBy = false;
            await ResetAsync(stoppingToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Projects the next batch after the mark; returns how many events it took (0 when the tables are current).</summary>
    private async Task<int> ProjectNextAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                if (await _frontier.CompleteUpToAsync(stoppingToken).ConfigureAwait(false) is not { } complete || complete <= _mark)
                {
                    return 0;
                }

                var batch = await _log.ReadAsync(_mark, complete, _batchSize, stoppingToken).ConfigureAwait(false);
                if (batch.Count > 0 && _stale)
                {
                    await ResetAsync(stoppingToken).ConfigureAwait(false);
                    batch = await _log.ReadAsync(_mark, complete, _batchSize, stoppingToken).ConfigureAwait(false);
                }

                if (batch.Count > 0)
                {
                    var changes = await _projector.ProjectAsync(batch, new LogHistory(_log, stoppingToken)).ConfigureAwait(false);
                    await _tables.ApplyAsync(changes, _mark, batch[^1].Seq, stoppingToken).ConfigureAwait(false);
                    Interlocked.Exchange(ref _mark, batch[^1].Seq);
                    Interlocked.Add(ref _projected, batch.Count);
                    Signal();
                }

                if (StoreDown)
                {
                    StoreDown = false;
                    LogStoreRestored();
                }

                return batch.Count;
            }
            catch (ProjectionMarkMovedException ex)
            {
                // Not an outage: the stored mark is elsewhere (a commit lost in a database crash). Start again from it.
                LogMarkMoved(ex.Message, _mark);
                _heldUntil = null; // on a shared log, make sure of the lease again before the next batch
                await ResetAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failures);
                if (!StoreDown)
                {
                    StoreDown = true;
                    LogProjectionFailed(ex, _mark);
                }

                Signal();
                await Task.Delay(backoff, _time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                // The projector may have applied events whose tables were rolled back: rebuild it from the mark.
                await ResetAsync(stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The tables' mark, retried with back-off while the store cannot be read.</summary>
    private Task<long> MarkAsync(CancellationToken stoppingToken) =>
        RetriedAsync(() => _tables.ProjectedUpToAsync(stoppingToken), stoppingToken);

    /// <summary>Reads the mark and rebuilds the projector's picture as the tables stand at it; returns the mark.</summary>
    private Task<long> ResetAsync(CancellationToken stoppingToken) => RetriedAsync(async () =>
    {
        var mark = await _tables.ProjectedUpToAsync(stoppingToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        _projector.Reset(await _log.LoadLiveAsync(now, _reference.Current.Data.Sla.Calendar.StartOfDay(now), mark, stoppingToken).ConfigureAwait(false));
        Interlocked.Exchange(ref _mark, mark);
        _stale = false;
        return mark;
    }, stoppingToken);

    /// <summary>Runs <paramref name="read"/> until it succeeds, counting each failure and backing off while the store is down.</summary>
    private async Task<T> RetriedAsync<T>(Func<Task<T>> read, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failures);
                StoreDown = true;
                LogProjectionFailed(ex, _mark);
                await Task.Delay(backoff, _time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void Signal() =>
        _progress.Raise();

    /// <summary>An order's earlier events, read from the log (for an order no longer in the projector's memory).</summary>
    private sealed class LogHistory(IEventLog log, CancellationToken cancellationToken) : IOrderHistory
    {
        public Task<IReadOnlyList<FeedEvent>> EventsOfAsync(string workOrderId, long before) =>
            log.EventsOfOrderAsync(workOrderId, before, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Projecting the event log into the tables failed at position {Mark}; retrying (the log keeps everything)")]
    private partial void LogProjectionFailed(Exception exception, long mark);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection at {Mark}: {Reason}")]
    private partial void LogMarkMoved(string reason, long mark);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projecting the event log into the tables resumed")]
    private partial void LogStoreRestored();

    [LoggerMessage(Level = LogLevel.Information, Message = "Another node projects the event log into the tables; this one stands by")]
    private partial void LogStandingBy();

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking over the projection of the event log into the tables")]
    private partial void LogTakingOver();
}

/// <summary>How projecting the log into the tables is going, for health and tests.</summary>
public interface IStoreProgress
{
    /// <summary>True while the last attempt to write the store failed.</summary>
    bool StoreDown { get; }

    /// <summary>Failed store attempts since start (each retried).</summary>
    long Failures { get; }

    /// <summary>Waits until <paramref name="condition"/> holds, checking after every attempt.</summary>
    Task WaitForAsync(Func<bool> condition, TimeSpan timeout);
}
