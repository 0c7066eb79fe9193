using System.Threading.Channels;
using CommandCenter.Domain.Events;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// The embedded bus with the store's event log underneath (in-process bus with SQLite or PostgreSQL). Publishing returns
/// only once the events are committed to the log, so an ingest 202 means durable. Publishers that arrive while a commit
/// is under way share the next one (group commit: one transaction, one fsync, for all of them). Committed events then
/// reach this process's subscribers in log order; what a crash keeps from them, the store replays at start.
/// </summary>
public sealed partial class LoggedFeedBus : IFeedBus, IAsyncDisposable
{
    private const int MaxQueued = 100_000;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    private readonly IFeedLog _log;
    private readonly ILogger<LoggedFeedBus> _logger;
    private readonly int _maxGroup;
    private readonly InProcessFeedBus _fanout = new();
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;
    private long _groups;
    private long _eventsCommitted;
    private int _disposed;

    public LoggedFeedBus(IFeedLog log, ILogger<LoggedFeedBus> logger, int maxGroup = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroup, 1);
        _log = log;
        _logger = logger;
        _maxGroup = maxGroup;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The log position of the newest event this bus committed (0 before the first).</summary>
    public long CommittedPosition => Interlocked.Read(ref _position);

    /// <summary>Commits so far; with <see cref="EventsCommitted"/>, the mean group size.</summary>
    public long Groups => Interlocked.Read(ref _groups);

    public long EventsCommitted => Interlocked.Read(ref _eventsCommitted);

    /// <summary>Completes at the next commit (for the table projection, which then reads the log).</summary>
    public Task NextCommit => _committed.Task;

    public ValueTask PublishAsync(FeedEvent feedEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedEvent);
        return PublishManyAsync([feedEvent], cancellationToken);
    }

    public async ValueTask PublishManyAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return;
        }

        var pending = new Pending(events);
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        // A caller that stops waiting (a timeout) may still see its events committed: event ids make a resend harmless.
        await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public IFeedSubscription Subscribe(string consumer, FeedConsumerMode mode = FeedConsumerMode.Tail) => _fanout.Subscribe(consumer, mode);

    private async Task WriteLoopAsync()
    {
        var backoff = TimeSpan.FromMilliseconds(50);
        try
        {
            await _log.Ready.WaitAsync(_stop.Token).ConfigureAwait(false);
            while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                var group = TakeGroup();
                var events = group.SelectMany(p => p.Events).ToList();
                try
                {
                    var logged = await _log.AppendAsync(events, _stop.Token).ConfigureAwait(false);
                    // The position first: a publisher that returns sees CommittedPosition include its events.
                    if (logged.Count > 0)
                    {
                        Interlocked.Exchange(ref _position, logged[^1].Position);
                    }

                    foreach (var pending in group)
                    {
                        pending.Done.TrySetResult();
                    }

                    Deliver(logged, events);
                    backoff = TimeSpan.FromMilliseconds(50);
                }
                catch (Exception ex) when (!_stop.IsCancellationRequested)
                {
                    LogAppendFailed(ex, events.Count);
                    var refusal = new FeedLogUnavailableException("the event log could not be written; nothing was accepted", ex);
                    foreach (var pending in group)
                    {
                        pending.Done.TrySetException(refusal);
                    }

                    await Task.Delay(backoff, _stop.Token).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(new FeedLogUnavailableException("the bus is shutting down; nothing was accepted", null));
        }
    }

    /// <summary>Everything queued, up to the group limit (whole publishes only: a publish is committed all or nothing).</summary>
    private List<Pending> TakeGroup()
    {
        var group = new List<Pending>();
        var count = 0;
        while (count < _maxGroup && _queue.Reader.TryRead(out var pending))
        {
            group.Add(pending);
            count += pending.Events.Count;
        }

        return group;
    }

    /// <summary>New durable events in log order, then the telemetry of the group, to this process's subscribers.</summary>
    private void Deliver(IReadOnlyList<LoggedEvent> logged, List<FeedEvent> events)
    {
        foreach (var e in logged)
        {
            _fanout.Deliver(e.Event);
        }

        foreach (var e in events.Where(e => e.Lane == FeedLane.Telemetry))
        {
            _fanout.Deliver(e);
        }

        Interlocked.Increment(ref _groups);
        Interlocked.Add(ref _eventsCommitted, events.Count);
        Interlocked.Exchange(ref _committed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <remarks>Idempotent: the container may dispose the bus under each name it is registered by.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed record Pending(IReadOnlyList<FeedEvent> Events)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} events to the event log failed; their publishers were refused and may send again")]
    private partial void LogAppendFailed(Exception exception, int count);
}

/// <summary>The event log could not be written: the events were not accepted (an ingest answers 503).</summary>
public sealed class FeedLogUnavailableException(string message, Exception? inner) : Exception(message, inner);
