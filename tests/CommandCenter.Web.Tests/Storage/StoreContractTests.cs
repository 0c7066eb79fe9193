using System.Diagnostics;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Simulator;
using CommandCenter.Web.Storage;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>The behaviour every store keeps, run against SQLite and PostgreSQL alike.</summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    protected static readonly DemoDistrict District = TestReference.District;

    /// <summary>Monday 2026-11-23 15:00 China time.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.FromHours(8));

    protected FakeTimeProvider Clock { get; } = new(Now);

    internal StoreSet Store { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.MigrateAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    internal abstract Task<StoreSet> CreateStoreAsync();

    /// <summary>Another store on the same database, as a second node would open it.</summary>
    internal abstract StoreSet SecondStore();

    /// <summary>The environment that points a separate CommandCenter.Web process at this database.</summary>
    protected abstract IReadOnlyDictionary<string, string> ProcessEnvironment { get; }

    [Fact]
    public async Task Migrating_again_applies_nothing_and_keeps_one_row_per_migration()
    {
        Assert.Empty(await Store.MigrateAsync(CancellationToken.None));
        Assert.Empty(await SecondStore().MigrateAsync(CancellationToken.None));
        Assert.Equal(Store.Migrations.Migrations.Select(m => m.Version), await Versions());
    }

    [Fact]
    public async Task Two_nodes_migrating_a_fresh_database_at_once_apply_each_migration_once()
    {
        await using var fresh = await FreshDatabaseAsync();
        var results = await Task.WhenAll(fresh.First.MigrateAsync(CancellationToken.None), fresh.Second.MigrateAsync(CancellationToken.None));

        Assert.Equal(fresh.First.Migrations.Migrations.Select(m => m.Version), results.SelectMany(r => r).Order());
        Assert.Equal(0, (await fresh.First.Log.CountsAsync(CancellationToken.None))["feed_events"]);
    }

    [Fact]
    public async Task Two_processes_migrating_a_fresh_database_at_once_leave_one_correct_schema()
    {
        await using var fresh = await FreshDatabaseAsync();
        var processes = Enumerable.Range(0, 2).Select(_ => StartMigrateProcess(fresh.Environment)).ToList();
        foreach (var process in processes)
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        }

        var outputs = await Task.WhenAll(processes.Select(p => p.StandardOutput.ReadToEndAsync()));
        Assert.Single(outputs, o => o.Contains("applied 1", StringComparison.Ordinal));
        Assert.Single(outputs, o => o.Contains("schema current", StringComparison.Ordinal));
        Assert.Empty(await fresh.First.MigrateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_same_events_stored_twice_are_kept_once()
    {
        var events = Simulate(TimeSpan.FromMinutes(30));
        var projector = Projector();

        var first = await Store.AppendAndProjectAsync(events, projector);
        var second = await Store.AppendAndProjectAsync(events, projector);

        var durable = events.Count(e => e.Lane == FeedLane.Durable);
        Assert.Equal((durable, 0), (first.Stored, first.Duplicates));
        Assert.Equal((0, durable), (second.Stored, second.Duplicates));
        var counts = await Store.Log.CountsAsync(CancellationToken.None);
        Assert.Equal(durable, counts["feed_events"]);
        Assert.Equal(events.Count(e => e.Kind == FeedEventKind.WorkOrderReported), counts["work_orders"]);
    }

    [Fact]
    public async Task A_work_order_loop_is_kept_as_order_timeline_and_dispatch()
    {
        var t = Now.AddHours(-2);
        await Append(Lifecycle("LOOP-1", t));

        await using var connection = await Store.OpenAsync(CancellationToken.None);
        var order = await connection.QuerySingleAsync<(string State, string? UnitId, long IsOpen, long? ClosedAtMs)>(
            "SELECT state, unit_id, is_open, closed_at_ms FROM work_orders WHERE id = 'LOOP-1'");
        Assert.Equal(("Closed", "城管中队", 0L, t.AddMinutes(5).ToUnixTimeMilliseconds()), (order.State, order.UnitId, order.IsOpen, order.ClosedAtMs));
        var timeline = (await connection.QueryAsync<(string Actor, string Action, string FromState, string ToState, long AtMs)>(
            "SELECT actor, action, from_state, to_state, at_ms FROM work_order_timeline WHERE work_order_id = 'LOOP-1' ORDER BY ordinal")).ToList();
        Assert.Equal(["Report", "Accept", "Dispatch", "SignOff", "ReportDone", "VerifyOk"], timeline.Select(e => e.Action));
        Assert.Equal(("城管中队", "InProgress", "AwaitingVerification"), (timeline[4].Actor, timeline[4].FromState, timeline[4].ToState));
        Assert.Equal(t.AddMinutes(4).ToUnixTimeMilliseconds(), timeline[4].AtMs);
        Assert.Equal("城管中队", await connection.ExecuteScalarAsync<string>("SELECT unit_id FROM dispatches WHERE work_order_id = 'LOOP-1'"));
    }

    [Fact]
    public async Task An_order_no_longer_in_memory_is_reloaded_when_it_changes_again()
    {
        var yesterday = Now.AddDays(-1);
        await Append(Lifecycle("OLD-1", yesterday));

        // A new node: its projector loads only today's live picture, which no longer holds OLD-1.
        var fresh = Projector();
        fresh.Reset(await Store.Log.LoadLiveAsync(Now, TestReference.Data.Sla.Calendar.StartOfDay(Now), null, CancellationToken.None));
        var evaluate = new FeedEvent("OLD-1-eval", "test", Now, District.Communities[0].Grids[0],
            new WorkOrderActed(WorkOrderId.From("OLD-1"), WorkOrderAction.Evaluate, "市民", Satisfaction: Satisfaction.Satisfied));
        await Store.AppendAndProjectAsync([evaluate], fresh);

        await using var connection = await Store.OpenAsync(CancellationToken.None);
        Assert.Equal(("Evaluated", 4L), await connection.QuerySingleAsync<(string, long)>(
            "SELECT state, satisfaction FROM work_orders WHERE id = 'OLD-1'"));
        Assert.Equal(7, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_order_timeline WHERE work_order_id = 'OLD-1'"));
    }

    [Fact]
    public async Task Open_grid_tasks_come_back_with_the_live_picture_and_done_ones_do_not()
    {
        var grid = District.Communities[0].Grids[0];
        var member = TestReference.Data.GridMembers.First(m => m.Grid == grid).Id;
        Domain.GridMembers.GridTask Task(string id) => new(id, Domain.GridMembers.GridTaskKind.Visit, member, grid, "走访:独居老人", Now.AddHours(-2));
        await Append([
            new FeedEvent("task-open", "tasks", Now.AddHours(-2), grid, new GridTaskAssigned(Task("visit-open"))),
            new FeedEvent("task-done", "tasks", Now.AddHours(-2), grid, new GridTaskAssigned(Task("visit-done"))),
            new FeedEvent("task-done-done", "tasks", Now.AddHours(-1), grid, new GridTaskDone("visit-done", member, "已走访")),
        ]);

        var rebuilt = new SituationProjection(District.Tree, TestReference.Data.Categories, TestReference.Data.Sla);
        foreach (var e in await Store.Log.LoadLiveAsync(Now, TestReference.Data.Sla.Calendar.StartOfDay(Now), null, CancellationToken.None))
        {
            Assert.Equal(ApplyResult.Applied, rebuilt.Apply(e).Result);
        }

        Assert.True(rebuilt.FindTask("visit-open")?.IsOpen);
        Assert.Null(rebuilt.FindTask("visit-done"));
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        Assert.Equal(["visit-done", "visit-open"], (await connection.QueryAsync<string>("SELECT id FROM grid_tasks ORDER BY id")).ToList());
    }

    [Fact]
    public async Task The_live_picture_rebuilt_from_the_store_is_the_picture_the_events_gave()
    {
        var events = Simulate(TimeSpan.FromHours(30));
        var live = new SituationProjection(District.Tree, TestReference.Data.Categories, TestReference.Data.Sla);
        foreach (var e in events)
        {
            live.Apply(e);
        }

        var projector = Projector();
        foreach (var chunk in events.Chunk(700))
        {
            await Store.AppendAndProjectAsync(chunk, projector);
        }

        var rebuilt = new SituationProjection(District.Tree, TestReference.Data.Categories, TestReference.Data.Sla);
        foreach (var e in await Store.Log.LoadLiveAsync(Now, TestReference.Data.Sla.Calendar.StartOfDay(Now), null, CancellationToken.None))
        {
            Assert.NotEqual(ApplyResult.Rejected, rebuilt.Apply(e).Result);
        }

        var expected = live.Snapshot(District.Tree.Root.Code, Now);
        var actual = rebuilt.Snapshot(District.Tree.Root.Code, Now);
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Kpis, actual.Kpis);
        // ImmutableArray compares by reference; compare the elements.
        Assert.Equal(expected.OpenOrders.AsEnumerable(), actual.OpenOrders.AsEnumerable());
        Assert.Equal(expected.ActiveAlarms.AsEnumerable(), actual.ActiveAlarms.AsEnumerable());
        Assert.Equal(expected.OnDuty.Select(s => s.Id), actual.OnDuty.Select(s => s.Id));
        Assert.Equal(expected.Drones.AsEnumerable(), actual.Drones.AsEnumerable());
        Assert.True(expected.Counts.TotalToday > 500, $"only {expected.Counts.TotalToday} today");
    }

    [Fact]
    public async Task A_days_briefing_counts_what_the_domain_counts()
    {
        var events = Simulate(TimeSpan.FromHours(30));
        var live = new SituationProjection(District.Tree, TestReference.Data.Categories, TestReference.Data.Sla);
        foreach (var e in events)
        {
            live.Apply(e);
        }

        await Store.AppendAndProjectAsync(events, Projector());
        var from = TestReference.Data.Sla.Calendar.StartOfDay(Now);
        var district = District.Tree.Root.Code;

        var briefing = await Store.Briefings.BriefingAsync(district, from, from.AddDays(1), Now, TestReference.Data, CancellationToken.None);

        var todays = events.Where(e => e.Kind == FeedEventKind.WorkOrderReported && e.OccurredAt >= from)
            .Select(e => live.FindOrder(((WorkOrderReported)e.Payload).Report.Id)!)
            .Where(o => o.State != WorkOrderState.Voided).ToList();
        Assert.Equal(todays.Count, briefing.Reported);
        Assert.Equal(todays.Count(o => !o.IsOpen), briefing.Closed);
        Assert.Equal(WorkOrderKpis.Compute(todays, Now), briefing.Kpis);
        Assert.Equal(briefing.Reported, briefing.ByCategory.Sum(g => g.Reported));
        Assert.Equal(briefing.Reported, briefing.ByStreet.Sum(g => g.Reported));
        Assert.Equal(6, briefing.ByStreet.Count);
        Assert.All(briefing.OverdueOrders, o => Assert.True(o.Overdue));
        Assert.Equal(Math.Min(briefing.Overdue, 200), briefing.OverdueOrders.Count);
        Assert.Equal(briefing.SupervisedYellow + briefing.SupervisedRed, briefing.SupervisedOrders.Count);
        Assert.Equal("暴露垃圾", briefing.ByCategory.Single(g => g.Key == "06010").Name);

        var street = briefing.ByStreet[0];
        var streetBriefing = await Store.Briefings.BriefingAsync(Domain.Jurisdictions.JurisdictionCode.From(street.Key), from, from.AddDays(1), Now,
            TestReference.Data, CancellationToken.None);
        Assert.Equal((street.Reported, street.Closed, street.Overdue), (streetBriefing.Reported, streetBriefing.Closed, streetBriefing.Overdue));
        Assert.Equal(street.Name, streetBriefing.ScopeName);
    }

    [Fact]
    public async Task Briefing_window_must_end_after_it_starts() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Briefings.BriefingAsync(District.Tree.Root.Code, Now, Now, Now, TestReference.Data, CancellationToken.None));

    [Fact]
    public async Task Dead_letters_keep_the_raw_payload_and_reason_newest_first()
    {
        await Store.DeadLetters.RecordAsync(new Feeds.Ingest.IngestDeadLetter("tickets", "hotline", 422, "payload.urgency: unknown value 'asap'",
            "{\"urgency\":\"asap\"}", 18, Now), CancellationToken.None);
        await Store.DeadLetters.RecordAsync(new Feeds.Ingest.IngestDeadLetter("alarms", null, 401, "no valid API key", "{}", 2, Now.AddSeconds(1)),
            CancellationToken.None);
        var letters = await Store.DeadLetters.RecentAsync(10, CancellationToken.None);
        Assert.Equal(["alarms", "tickets"], letters.Select(l => l.Feed));
        Assert.Equal(("hotline", 422, "{\"urgency\":\"asap\"}", Now), (letters[1].Source, letters[1].Status, letters[1].Raw, letters[1].At));
    }

    protected async Task Append(IEnumerable<FeedEvent> events) =>
        await Store.AppendAndProjectAsync([.. events], Projector());

    internal StateProjector Projector() => new(TestReference.Book(), Clock);

    protected static List<FeedEvent> Simulate(TimeSpan backfill) =>
    [
        .. new DistrictSimulator(District, new SimulatorOptions { BackfillHours = backfill.TotalHours }, Now).Advance(Now),
    ];

    protected static IEnumerable<FeedEvent> Lifecycle(string id, DateTimeOffset t)
    {
        var grid = District.Communities[0].Grids[0];
        var wo = WorkOrderId.From(id);
        FeedEvent E(int n, FeedPayload p) => new($"{id}-{n}", "test", t.AddMinutes(n), grid, p);
        yield return E(0, new WorkOrderReported(new WorkOrderReport(wo, WorkOrderKind.Complaint, WorkOrderSource.Hotline12345,
            CategoryCode.From("06010"), Urgency.Normal, "小区门口暴露垃圾", grid)));
        yield return E(1, new WorkOrderActed(wo, WorkOrderAction.Accept, "受理员"));
        yield return E(2, new WorkOrderActed(wo, WorkOrderAction.Dispatch, "派遣员", UnitId: "城管中队"));
        yield return E(3, new WorkOrderActed(wo, WorkOrderAction.SignOff, "城管中队"));
        yield return E(4, new WorkOrderActed(wo, WorkOrderAction.ReportDone, "城管中队", "已清运"));
        yield return E(5, new WorkOrderActed(wo, WorkOrderAction.VerifyOk, "核查员"));
    }

    private async Task<IEnumerable<int>> Versions()
    {
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        return await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version");
    }

    /// <summary>A second, empty database with two stores on it.</summary>
    internal abstract Task<FreshDatabase> FreshDatabaseAsync();

    internal sealed class FreshDatabase(StoreSet first, StoreSet second, IReadOnlyDictionary<string, string> environment,
        Func<Task> drop) : IAsyncDisposable
    {
        public StoreSet First => first;

        public StoreSet Second => second;

        public IReadOnlyDictionary<string, string> Environment => environment;

        public async ValueTask DisposeAsync() => await drop();
    }

    private static Process StartMigrateProcess(IReadOnlyDictionary<string, string> environment) => StartStoreCommand(environment, "--migrate");

    /// <summary>CommandCenter.Web run with one of its store commands (--migrate, --verify-store, --repair-store).</summary>
    private static Process StartStoreCommand(IReadOnlyDictionary<string, string> environment, string command)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CommandCenter.Web.dll"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["Simulator__Enabled"] = "false";
        // Production, as an operator runs the store commands: with the certificate the sign-in keys are encrypted with.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Security__KeyEncryption__CertificatePath"] = Host.TestCertificate.Path;
        info.Environment["Security__KeyEncryption__CertificatePassword"] = Host.TestCertificate.Password;
        return Process.Start(info)!;
    }
}
