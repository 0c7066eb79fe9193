using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Duty;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Situation;

public class SituationProjectionTests
{
    private readonly SituationProjection _projection = new(Tree(), TestData.Categories, TestData.Policy);
    private int _next;

    [Fact]
    public void Same_event_applied_twice_changes_the_situation_once()
    {
        var reported = Event(new WorkOrderReported(Report("WO-1")));
        var accepted = Event(new WorkOrderActed(WorkOrderId.From("WO-1"), WorkOrderAction.Accept, "受理员"));

        Assert.Equal(ApplyResult.Applied, _projection.Apply(reported).Result);
        Assert.Equal(ApplyResult.Applied, _projection.Apply(accepted).Result);
        var before = _projection.Snapshot(District, MondayNine);
        Assert.Equal(ApplyResult.Duplicate, _projection.Apply(reported).Result);
        Assert.Equal(ApplyResult.Duplicate, _projection.Apply(accepted).Result);
        var after = _projection.Snapshot(District, MondayNine);

        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Counts, after.Counts);
        Assert.Equal(WorkOrderState.Accepted, Assert.Single(after.OpenOrders).State);
    }

    [Fact]
    public void An_event_id_is_one_event_only_within_its_source()
    {
        var hotline = new FeedEvent("msg-1", "hotline", MondayNine, GridA1, new WorkOrderReported(Report("hotline.1")));
        var grid = new FeedEvent("msg-1", "grid", MondayNine, GridA1, new WorkOrderReported(Report("grid.1")));

        Assert.Equal(ApplyResult.Applied, _projection.Apply(hotline).Result);
        Assert.Equal(ApplyResult.Applied, _projection.Apply(grid).Result);
        Assert.Equal(ApplyResult.Duplicate, _projection.Apply(hotline).Result);
        Assert.Equal(2, _projection.Snapshot(District, MondayNine).OpenOrders.Length);
    }

    [Fact]
    public void Replaying_a_stream_with_duplicates_gives_the_same_snapshot_as_the_clean_stream()
    {
        var stream = Lifecycle("WO-1").Concat(Lifecycle("WO-2")).Take(9)
            .Append(Event(new WorkOrderReported(Report("WO-3")))).ToList();
        var clean = new SituationProjection(Tree(), TestData.Categories, TestData.Policy);
        stream.ForEach(e => clean.Apply(e));

        foreach (var e in stream.SelectMany(e => new[] { e, e }))
        {
            _projection.Apply(e);
        }

        var a = clean.Snapshot(District, MondayNine.AddHours(1));
        var b = _projection.Snapshot(District, MondayNine.AddHours(1));
        Assert.Equal(a.Counts, b.Counts);
        Assert.Equal(a.Kpis, b.Kpis);
        Assert.Equal(a.OpenOrders.AsEnumerable(), b.OpenOrders.AsEnumerable());
        Assert.Equal(2, b.OpenOrders.Length);
        Assert.Equal(a.Version, b.Version);
    }

    [Fact]
    public void Action_on_an_unknown_order_is_rejected_with_a_reason()
    {
        var outcome = _projection.Apply(Event(new WorkOrderActed(WorkOrderId.From("NOPE"), WorkOrderAction.Accept, "x")));
        Assert.Equal(ApplyResult.Rejected, outcome.Result);
        Assert.Contains("NOPE is unknown", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _projection.Version);
    }

    [Fact]
    public void Out_of_order_action_is_rejected_and_leaves_the_order_as_it_was()
    {
        _projection.Apply(Event(new WorkOrderReported(Report("WO-1"))));
        var outcome = _projection.Apply(Event(new WorkOrderActed(WorkOrderId.From("WO-1"), WorkOrderAction.SignOff, "U")));
        Assert.Equal(ApplyResult.Rejected, outcome.Result);
        Assert.Contains("cannot SignOff", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(WorkOrderState.Reported, _projection.FindOrder(WorkOrderId.From("WO-1"))!.State);
    }

    [Fact]
    public void Older_drone_telemetry_does_not_overwrite_newer()
    {
        var newer = Track("D1", 31.30, MondayNine.AddSeconds(10));
        var older = Track("D1", 31.20, MondayNine.AddSeconds(5));
        Assert.Equal(ApplyResult.Applied, _projection.Apply(Event(new DroneTelemetryReceived(newer))).Result);
        Assert.Equal(ApplyResult.Stale, _projection.Apply(Event(new DroneTelemetryReceived(older))).Result);
        Assert.Equal(31.30, Assert.Single(_projection.Snapshot(District, MondayNine.AddSeconds(11)).Drones).Position.Latitude);
    }

    [Fact]
    public void Snapshot_of_a_street_holds_only_that_streets_orders_and_alarms()
    {
        _projection.Apply(Event(new WorkOrderReported(Report("A-1", scope: GridA1))));
        _projection.Apply(Event(new WorkOrderReported(Report("B-1", scope: CommunityB1))));
        _projection.Apply(Event(new AlarmRaised("smoke-1", AlarmKind.Smoke, AlarmSeverity.Critical, "烟感"), CommunityB1));

        var a = _projection.Snapshot(StreetA, MondayNine);
        var b = _projection.Snapshot(StreetB, MondayNine);
        var all = _projection.Snapshot(District, MondayNine);

        Assert.Equal("A-1", Assert.Single(a.OpenOrders).Id.Value);
        Assert.Empty(a.ActiveAlarms);
        Assert.Equal("B-1", Assert.Single(b.OpenOrders).Id.Value);
        Assert.Single(b.ActiveAlarms);
        Assert.Equal(2, all.OpenOrders.Length);
        Assert.Equal(("狮山街道", "金色社区"), (a.OpenOrders[0].StreetName, a.OpenOrders[0].CommunityName));
    }

    [Fact]
    public void Repeat_alarm_of_the_same_device_and_kind_updates_the_open_alarm()
    {
        _projection.Apply(Event(new AlarmRaised("lift-7", AlarmKind.ElevatorEBike, AlarmSeverity.Minor, "电动车进梯"), CommunityA1));
        _projection.Apply(Event(new AlarmRaised("lift-7", AlarmKind.ElevatorEBike, AlarmSeverity.Major, "再次进梯"), CommunityA1, 30));
        _projection.Apply(Event(new AlarmRaised("lift-7", AlarmKind.Smoke, AlarmSeverity.Critical, "烟感"), CommunityA1));

        var alarms = _projection.Snapshot(District, MondayNine.AddMinutes(1)).ActiveAlarms;
        var lift = Assert.Single(alarms, a => a.Kind == AlarmKind.ElevatorEBike);
        Assert.Equal((2, AlarmSeverity.Major, "再次进梯"), (lift.Count, lift.Severity, lift.Description));
        Assert.Equal(2, alarms.Length);

        _projection.Apply(Event(new AlarmCleared("lift-7", AlarmKind.ElevatorEBike), CommunityA1));
        Assert.Single(_projection.Snapshot(District, MondayNine.AddMinutes(1)).ActiveAlarms);
    }

    [Fact]
    public void On_duty_holds_shifts_of_the_scope_and_above_that_run_now()
    {
        var leader = new DutyOfficer("张伟", "0512-68251234", "值班长");
        Post(new DutyShift("district-day", District, leader, [], MondayNine.AddHours(-1), MondayNine.AddHours(8)));
        Post(new DutyShift("a-day", StreetA, leader with { Name = "李娜" }, [], MondayNine.AddHours(-1), MondayNine.AddHours(8)));
        Post(new DutyShift("b-day", StreetB, leader with { Name = "王强" }, [], MondayNine.AddHours(-1), MondayNine.AddHours(8)));
        Post(new DutyShift("a-night", StreetA, leader with { Name = "赵敏" }, [], MondayNine.AddHours(8), MondayNine.AddHours(20)));

        var onDuty = _projection.Snapshot(StreetA, MondayNine).OnDuty.Select(s => s.Leader.Name);

        Assert.Equal(["张伟", "李娜"], onDuty);
    }

    [Fact]
    public void Prune_forgets_orders_closed_before_today_and_keeps_open_ones()
    {
        var yesterday = MondayNine.AddDays(-1);
        foreach (var e in Lifecycle("OLD", yesterday).Concat([Event(new WorkOrderReported(Report("OPEN")), at: yesterday)]))
        {
            _projection.Apply(e);
        }

        Assert.Equal(1, _projection.Prune(MondayNine));
        Assert.Null(_projection.FindOrder(WorkOrderId.From("OLD")));
        Assert.NotNull(_projection.FindOrder(WorkOrderId.From("OPEN")));
    }

    [Fact]
    public void Data_age_tells_how_long_a_feed_has_been_quiet()
    {
        _projection.Apply(Event(new AlarmRaised("s-1", AlarmKind.Smoke, AlarmSeverity.Major, "烟感"), CommunityA1));
        var snapshot = _projection.Snapshot(District, MondayNine.AddMinutes(3));
        Assert.Equal(TimeSpan.FromMinutes(3), snapshot.DataAge(FeedEventKind.AlarmRaised, FeedEventKind.AlarmCleared));
        Assert.Null(snapshot.DataAge(FeedEventKind.DroneTelemetry));
    }

    private void Post(DutyShift shift) => _projection.Apply(Event(new DutyShiftPosted(shift), shift.Scope));

    private IEnumerable<FeedEvent> Lifecycle(string id, DateTimeOffset? start = null)
    {
        var t = start ?? MondayNine;
        var wo = WorkOrderId.From(id);
        yield return Event(new WorkOrderReported(Report(id)), at: t);
        yield return Event(new WorkOrderActed(wo, WorkOrderAction.Accept, "受理员"), at: t.AddMinutes(1));
        yield return Event(new WorkOrderActed(wo, WorkOrderAction.Dispatch, "受理员", UnitId: "U-1"), at: t.AddMinutes(2));
        yield return Event(new WorkOrderActed(wo, WorkOrderAction.SignOff, "U-1"), at: t.AddMinutes(3));
        yield return Event(new WorkOrderActed(wo, WorkOrderAction.ReportDone, "U-1"), at: t.AddMinutes(4));
        yield return Event(new WorkOrderActed(wo, WorkOrderAction.VerifyOk, "核查员"), at: t.AddMinutes(5));
    }

    [Fact]
    public void The_supervision_sweep_finds_exactly_the_open_orders_a_snapshot_would_card()
    {
        // Reported every 15 s over the last 37 minutes: urgent ones (10 min to accept, wall-clock) mostly past their limit,
        // normal ones (working time, which starts at nine) not; one already carded red.
        for (var i = 0; i < 150; i++)
        {
            _projection.Apply(Event(new WorkOrderReported(Report($"SUP-{i:D3}", i % 7 == 0 ? Urgency.Urgent : Urgency.Normal)),
                at: MondayNine.AddSeconds(-15 * i)));
        }

        _projection.Apply(Event(new WorkOrderActed(WorkOrderId.From("SUP-140"), WorkOrderAction.Supervise, "值班长", Supervision: Supervision.Red)));
        var now = MondayNine;

        var swept = _projection.DueForSupervision(now);
        var expected = _projection.Snapshot(District, now).OpenOrders.Where(o => AutoSupervision.Due(o) is not null).OrderBy(o => o.Id.Value, StringComparer.Ordinal);

        Assert.Equal(expected, swept);
        Assert.InRange(swept.Count, 10, 100);
        Assert.Contains(swept, o => o.Urgency == Urgency.Urgent);
        Assert.DoesNotContain(swept, o => o.Id.Value == "SUP-140");
    }

    private FeedEvent Event(FeedPayload payload, JurisdictionCode? scope = null, int seconds = 0, DateTimeOffset? at = null) =>
        new($"e-{++_next}", "test", at ?? MondayNine.AddSeconds(seconds), scope ?? GridA1, payload);

    private static DroneTrack Track(string id, double lat, DateTimeOffset at) =>
        new(id, new GeoPoint(lat, 120.5), 120, 90, 8, 80, "河道巡查", at);
}
