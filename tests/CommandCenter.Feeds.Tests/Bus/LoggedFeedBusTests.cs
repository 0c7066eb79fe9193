using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Feeds.Tests.Bus;

/// <summary>
/// The embedded bus over the store's log: a publish is accepted only once committed, concurrent publishers share a
/// commit, a failed commit refuses everyone in it, and subscribers see only what was committed, once.
/// (Against the real SQLite and PostgreSQL logs: the web tests' kill and outage tests.)
/// </summary>
public sealed class LoggedFeedBusTests
{
    private static readonly JurisdictionCode Grid = JurisdictionCode.From("320505001001001");

    [Fact]
    public async Task A_publish_returns_only_after_its_commit_and_subscribers_see_nothing_before()
    {
        var log = new ScriptedLog { Hold = true };
        await using var bus = new LoggedFeedBus(log, NullLogger<LoggedFeedBus>.Instance);
        using var wall = bus.Subscribe("wall");

        var publish = bus.PublishAsync(Report("A")).AsTask();
        await log.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(publish.IsCompleted);
        Assert.Equal(0, wall.Pending);
        log.Release();
        await publish.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["A-report"], (await wall.ReadBatchAsync(10, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task Publishers_arriving_during_a_commit_share_the_next_one()
    {
        var log = new ScriptedLog { Hold = true };
        await using var bus = new LoggedFeedBus(log, NullLogger<LoggedFeedBus>.Instance);

        var first = bus.PublishAsync(Report("FIRST")).AsTask();
        await log.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var waiting = Enumerable.Range(0, 50).Select(i => bus.PublishAsync(Report($"W{i:D2}")).AsTask()).ToList();
        log.Hold = false;
        log.Release();
        await Task.WhenAll(waiting.Append(first)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 50], log.Groups.Select(g => g.Count));
        Assert.Equal(2, bus.Groups);
        Assert.Equal(51, bus.EventsCommitted);
    }

    [Fact]
    public async Task A_failed_commit_refuses_every_publisher_in_it_and_delivers_nothing()
    {
        var log = new ScriptedLog { Failing = true };
        await using var bus = new LoggedFeedBus(log, NullLogger<LoggedFeedBus>.Instance);
        using var wall = bus.Subscribe("wall");

        var refused = await Assert.ThrowsAsync<FeedLogUnavailableException>(async () => await bus.PublishAsync(Report("LOST")));
        Assert.Contains("nothing was accepted", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, wall.Pending);

        log.Failing = false;
        await bus.PublishAsync(Report("KEPT"));
        Assert.Equal(["KEPT-report"], (await wall.ReadBatchAsync(10, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task An_event_already_in_the_log_is_accepted_again_but_delivered_once()
    {
        var log = new ScriptedLog();
        await using var bus = new LoggedFeedBus(log, NullLogger<LoggedFeedBus>.Instance);
        using var wall = bus.Subscribe("wall");

        await bus.PublishManyAsync([Report("DUP"), Report("DUP"), Report("ONE")]);
        await bus.PublishAsync(Report("DUP"));

        Assert.Equal(["DUP-report", "ONE-report"], (await wall.ReadBatchAsync(10, CancellationToken.None)).Select(e => e.Id));
        Assert.Equal(2, bus.CommittedPosition);
    }

    private static FeedEvent Report(string id) => new($"{id}-report", "test", DateTimeOffset.UtcNow, Grid,
        new WorkOrderReported(new WorkOrderReport(WorkOrderId.From(id), WorkOrderKind.Complaint, WorkOrderSource.Hotline12345,
            Domain.Categories.CategoryCode.From("06010"), Urgency.Normal, "暴露垃圾", Grid)));

    /// <summary>A log that numbers new events, skips known ids, and can hold a commit open or fail it.</summary>
    private sealed class ScriptedLog : IFeedLog
    {
        private readonly HashSet<string> _ids = [];
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _position;

        public bool Hold { get; set; }

        public bool Failing { get; set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<IReadOnlyList<FeedEvent>> Groups { get; } = [];

        public Task Ready => Task.CompletedTask;

        public void Release() => _release.TrySetResult();

        public async Task<IReadOnlyList<LoggedEvent>> AppendAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken)
        {
            Groups.Add(events);
            Entered.TrySetResult();
            if (Hold)
            {
                await _release.Task.WaitAsync(cancellationToken);
                _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (Failing)
            {
                throw new IOException("disk full");
            }

            return [.. events.Where(e => _ids.Add(e.Id)).Select(e => new LoggedEvent(++_position, e))];
        }
    }
}
