using CommandCenter.Feeds.Reference;
using System.Data.Common;
using System.Text.Json;
using CommandCenter.Domain.Sla;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tests.Storage;

public abstract partial class StoreContractTests
{
    /// <summary>Every projected table, with an order that makes two databases' rows comparable.</summary>
    private static readonly string[] ProjectedTableQueries =
    [
        "SELECT * FROM work_orders ORDER BY id",
        "SELECT * FROM work_order_timeline ORDER BY work_order_id, ordinal",
        "SELECT * FROM dispatches ORDER BY work_order_id, ordinal",
        "SELECT * FROM alarms ORDER BY alarm_id",
        "SELECT * FROM duty_shifts ORDER BY id",
        "SELECT * FROM cameras ORDER BY id",
        "SELECT key, occurred_at_ms FROM telemetry_latest ORDER BY key",
    ];

    [Fact]
    public async Task Tables_projected_from_the_log_after_a_crash_equal_tables_written_with_it()
    {
        var events = Simulate(TimeSpan.FromHours(8));
        await using var reference = await FreshDatabaseAsync();
        await reference.First.MigrateAsync(CancellationToken.None);
        var referenceProjector = Projector();
        foreach (var chunk in events.Chunk(500))
        {
            await reference.First.AppendAndProjectAsync(chunk, referenceProjector);
        }

        // Log first: everything committed, then a first run projects part of it and dies.
        foreach (var chunk in events.Chunk(500))
        {
            await Store.Log.AppendAsync(chunk, CancellationToken.None);
        }

        var firstRun = Projector();
        var half = await Store.Log.ReadAsync(0, long.MaxValue, events.Count / 2, CancellationToken.None);
        await Store.Tables.ApplyAsync(await firstRun.ProjectAsync(half, new NoHistory()), 0, half[^1].Seq, CancellationToken.None);

        // The restart: a projector resumes from the tables' mark.
        using var gate = new StoreGate(Store.Migrations, Store.Log, TestReference.Book(), NoReferenceMirror.Instance, Clock, NullLogger<StoreGate>.Instance);
        await gate.StartAsync(CancellationToken.None);
        await using var bus = new LoggedFeedBus(new StoreFeedLog(Store.Log, Store.Database, gate), NullLogger<LoggedFeedBus>.Instance);
        using var projector = new LogProjector(Store.Log, Store.Tables, new CommittedLogFrontier(bus), gate, TestReference.Book(), Clock,
            Options.Create(new StoreOptions { BatchSize = 700 }), NullLogger<LogProjector>.Instance);
        await projector.StartAsync(CancellationToken.None);
        await projector.CaughtUp.WaitAsync(TimeSpan.FromSeconds(60));
        await projector.StopAsync(CancellationToken.None);

        await using var expected = await reference.First.OpenAsync(CancellationToken.None);
        await using var actual = await Store.OpenAsync(CancellationToken.None);
        Assert.True(projector.Projected > 0, "the restarted projector had nothing left to do");
        foreach (var query in ProjectedTableQueries)
        {
            var (want, got) = (await RowsAsync(expected, query), await RowsAsync(actual, query));
            Assert.True(want.Count > 0 || query.Contains("cameras", StringComparison.Ordinal), $"{query}: the reference has no rows");
            Assert.Equal(want, got);
        }
    }

    [Fact]
    public async Task A_running_projector_that_finds_its_mark_moved_starts_again_from_it_and_the_tables_still_equal_the_log()
    {
        var events = Simulate(TimeSpan.FromHours(6));
        var halves = events.Chunk(events.Count / 2 + 1).ToList();
        using var gate = new StoreGate(Store.Migrations, Store.Log, TestReference.Book(), NoReferenceMirror.Instance, Clock, NullLogger<StoreGate>.Instance);
        await gate.StartAsync(CancellationToken.None);
        await using var bus = new LoggedFeedBus(new StoreFeedLog(Store.Log, Store.Database, gate), NullLogger<LoggedFeedBus>.Instance);
        using var projector = new LogProjector(Store.Log, Store.Tables, new CommittedLogFrontier(bus), gate, TestReference.Book(), Clock,
            Options.Create(new StoreOptions()), NullLogger<LogProjector>.Instance);
        await projector.StartAsync(CancellationToken.None);

        await bus.PublishManyAsync(halves[0]);
        await projector.WaitForAsync(() => projector.ProjectedUpTo == bus.CommittedPosition, TimeSpan.FromSeconds(60));
        // As lost projection commits leave it (here all of them): the stored tables and mark behind the running projector.
        // A projector that went on from its own mark would leave the first half out of the tables for good.
        await using (var connection = await Store.OpenAsync(CancellationToken.None))
        {
            foreach (var table in new[] { "work_order_timeline", "dispatches", "work_order_units", "work_orders", "alarms", "duty_shifts", "cameras" })
            {
                await connection.ExecuteAsync($"DELETE FROM {table}");
            }

            await connection.ExecuteAsync("UPDATE projection_marks SET position = 0");
        }

        await bus.PublishManyAsync(halves[1]);
        await projector.WaitForAsync(() => projector.ProjectedUpTo == bus.CommittedPosition, TimeSpan.FromSeconds(60));
        await projector.StopAsync(CancellationToken.None);

        Assert.False(projector.StoreDown);
        Assert.Equal(bus.CommittedPosition, await Store.Tables.ProjectedUpToAsync(CancellationToken.None));
        Assert.Empty(await new StoreVerifier(Store.Log, Store.Database, TestReference.Book(), Clock).VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_live_picture_loads_what_the_log_holds_beyond_the_tables_mark()
    {
        var projected = Lifecycle("MARK-1", Now.AddHours(-1)).ToList();
        var stored = await Store.Log.AppendAsync(projected, CancellationToken.None);
        await Store.Tables.ApplyAsync(await Projector().ProjectAsync(stored, new NoHistory()), 0, stored[^1].Seq, CancellationToken.None);
        // Committed after the mark, never projected (the process died between the two).
        await Store.Log.AppendAsync([.. Lifecycle("MARK-2", Now.AddMinutes(-30)).Take(3)], CancellationToken.None);
        var startOfDay = TestReference.Data.Sla.Calendar.StartOfDay(Now);

        var asTables = await Store.Log.LoadLiveAsync(Now, startOfDay, stored[^1].Seq, CancellationToken.None);
        var whole = await Store.Log.LoadLiveAsync(Now, startOfDay, null, CancellationToken.None, unprojected: true);

        Assert.DoesNotContain(asTables, e => e.Id.StartsWith("MARK-2", StringComparison.Ordinal));
        Assert.Equal(["MARK-2-0", "MARK-2-1", "MARK-2-2"], whole.Where(e => e.Id.StartsWith("MARK-2", StringComparison.Ordinal)).Select(e => e.Id));
        Assert.Equal(asTables.Select(e => e.Id), whole.Where(e => e.Id.StartsWith("MARK-1", StringComparison.Ordinal)).Select(e => e.Id));
        Assert.Equal(6, asTables.Count);
    }

    [Fact]
    public async Task The_live_load_returns_each_event_once_in_log_order_across_its_parse_chunks()
    {
        // 1,800 events (parsed in chunks of 1,000), appended interleaved across 300 orders: the load streams its rows in
        // whatever order the store finds them and must still hand them over in log order.
        var orders = Enumerable.Range(0, 300).Select(i => Lifecycle($"ORDER-{i}", Now.AddHours(-2).AddSeconds(i)).ToList()).ToList();
        var interleaved = Enumerable.Range(0, 6).SelectMany(step => orders.Select(o => o[step])).ToList();
        var stored = await Store.Log.AppendAsync(interleaved, CancellationToken.None);
        // The tables hold every order while their mark is only halfway: the later half is found both as the orders' events and
        // as events past the mark, and is kept once.
        await Store.Tables.ApplyAsync(await Projector().ProjectAsync(stored, new NoHistory()), 0, stored[stored.Count / 2].Seq, CancellationToken.None);

        var whole = await Store.Log.LoadLiveAsync(Now, TestReference.Data.Sla.Calendar.StartOfDay(Now), null, CancellationToken.None, unprojected: true);

        Assert.Equal(stored.Select(s => s.Event.Id), whole.Select(e => e.Id));
    }

    [Fact]
    public async Task A_projector_whose_mark_was_lost_or_moved_writes_nothing_and_is_told_so()
    {
        var stored = await Store.Log.AppendAsync([.. Lifecycle("CAS-1", Now.AddHours(-1))], CancellationToken.None);
        var first = await Projector().ProjectAsync(stored.Take(3).ToList(), new NoHistory());
        await Store.Tables.ApplyAsync(first, 0, stored[2].Seq, CancellationToken.None);

        // A projector that believes a later commit landed (it was lost in a database crash) tries to go on from there.
        var stale = await Projector().ProjectAsync(stored, new NoHistory());
        await Assert.ThrowsAsync<ProjectionMarkMovedException>(() => Store.Tables.ApplyAsync(stale, stored[4].Seq, stored[^1].Seq, CancellationToken.None));
        // And one that starts from nothing finds a mark already there.
        await Assert.ThrowsAsync<ProjectionMarkMovedException>(() => Store.Tables.ApplyAsync(stale, 0, stored[^1].Seq, CancellationToken.None));

        Assert.Equal(stored[2].Seq, await Store.Tables.ProjectedUpToAsync(CancellationToken.None));
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_order_timeline WHERE work_order_id = 'CAS-1'"));
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string query) =>
        [.. (await connection.QueryAsync(query)).Select(row => JsonSerializer.Serialize((IDictionary<string, object>)row))];

    /// <summary>The first run started with an empty log before it: no earlier history to read.</summary>
    private sealed class NoHistory : IOrderHistory
    {
        public Task<IReadOnlyList<Domain.Events.FeedEvent>> EventsOfAsync(string workOrderId, long before) =>
            Task.FromResult<IReadOnlyList<Domain.Events.FeedEvent>>([]);
    }
}
