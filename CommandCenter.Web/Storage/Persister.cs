using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Bus;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Storage;

/// <summary>
/// On Redis, stores this node's share of the bus into the event log, in batches, each event at its stream position; it
/// acknowledges a batch only after its commit. It does not touch the projected tables: <see cref="LogProjector"/> brings
/// them up to the log in the log's order, on one node at a time, so which node stored which event never shows in them.
/// When the store is down it keeps the batch and retries with back-off; nothing is dropped and, because the store
/// deduplicates by source and event id, nothing is stored twice.
/// </summary>
public sealed partial class Persister : BackgroundService, IStoreProgress
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly IFeedSubscription _subscription;
    private readonly IEventLog _log;
    private readonly Database _database;
    private readonly StoreGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger<Persister> _logger;
    private readonly int _batchSize;
    private readonly Live.ProgressSignal _progress = new();
    private long _stored;
    private long _duplicates;
    private long _failures;

    /// <summary>The shared group that stores the bus; the log's frontier is read from it.</summary>
    public const string Group = "persister";

    public Persister(IFeedBus bus, IEventLog log, Database database, StoreGate gate, TimeProvider time, IOptions<StoreOptions> options,
        ILogger<Persister> logger)
    {
        _gate = gate;
        _subscription = bus.Subscribe(Group, FeedConsumerMode.Shared);
        _log = log;
        _database = database;
        _time = time;
        _logger = logger;
        _batchSize = Math.Max(1, options.Value.BatchSize);
    }

    public long Stored => Interlocked.Read(ref _stored);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Failed store attempts since start (each retried).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>True while the last attempt to store failed.</summary>
    public bool StoreDown { get; private set; }

    /// <summary>Waits until <paramref name="condition"/> holds, checking after every attempt to store a batch.</summary>
    public Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => _progress.WaitForAsync(condition, timeout);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = await _subscription.ReadLoggedBatchAsync(_batchSize, stoppingToken).ConfigureAwait(false);
                await StoreWithRetryAsync(batch, stoppingToken).ConfigureAwait(false);
                await AcknowledgeAsync([.. batch.Select(e => e.Event)], stoppingToken).ConfigureAwait(false);
                Signal();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task StoreWithRetryAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                var outcome = await _log.AppendAtAsync(batch, stoppingToken).ConfigureAwait(false);
                Interlocked.Add(ref _stored, outcome.Stored);
                Interlocked.Add(ref _duplicates, outcome.Duplicates);
                if (StoreDown)
                {
                    StoreDown = false;
                    LogStoreRestored(_database.Describe);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failures);
                if (!StoreDown)
                {
                    StoreDown = true;
                    LogStoreDown(ex, _database.Describe, batch.Count);
                }

                Signal(); // waiters on the store's state see the outage too, not only stored batches
                await Task.Delay(backoff, _time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Only now, with the batch committed, may the bus forget it. If that fails the bus redelivers, and the store skips the duplicates.</summary>
    private async Task AcknowledgeAsync(IReadOnlyList<FeedEvent> batch, CancellationToken stoppingToken)
    {
        try
        {
            await _subscription.AcknowledgeAsync(batch, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAcknowledgeFailed(ex, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledging {Count} stored events failed; they will be redelivered and skipped as duplicates")]
    private partial void LogAcknowledgeFailed(Exception exception, int count);

    /// <summary>Wakes <see cref="WaitForAsync"/> after every attempt, stored or failed.</summary>
    private void Signal() =>
        _progress.Raise();

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Store unreachable ({Store}); holding {Count} events and retrying")]
    private partial void LogStoreDown(Exception exception, string store, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store reachable again ({Store}); storing resumes")]
    private partial void LogStoreRestored(string store);
}
