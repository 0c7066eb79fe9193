using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Desk;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Security;
using Dapper;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Desk;

/// <summary>
/// The field's workflow through the desk service and the store: two-level command (两级指挥), joint handling (联动),
/// returns reviewed (退单) and reopening (重办), each step landing on the order, its timeline and its tables.
/// </summary>
public sealed class WorkflowAtTheDeskTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal Street =
        CenterUser.Create("op-shishan", "狮山值班员", Role.Operator, JurisdictionCode.From("320505001"), false, "test");

    private static readonly System.Security.Claims.ClaimsPrincipal District =
        CenterUser.Create("commander", "区指挥长", Role.Commander, JurisdictionCode.From("320505"), false, "test");

    private readonly SecuredApp _app = new();
    private DeskService _desk = default!;
    private LiveSituation _live = default!;
    private int _dialog;

    private static WorkOrderId Order => WorkOrderId.From(SecuredApp.OrderA);

    public async Task InitializeAsync()
    {
        await _app.WithOrdersAsync();
        _desk = _app.Services.GetRequiredService<DeskService>();
        _live = _app.Services.GetRequiredService<LiveSituation>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_street_escalates_and_the_district_dispatches_to_a_lead_and_an_assisting_unit_which_both_report()
    {
        await Act(Street, new DeskCommand(WorkOrderAction.Accept), WorkOrderState.Accepted);
        Assert.Equal("note", (await Try(Street, new DeskCommand(WorkOrderAction.Escalate))).Field); // a reason is required
        await Act(Street, new DeskCommand(WorkOrderAction.Escalate, "涉及区住建局，街道无法协调"), WorkOrderState.Escalated);
        Assert.Equal(HandlingLevel.District, _live.CardOf(Order)!.Level);

        var streetDispatch = await Try(Street, new DeskCommand(WorkOrderAction.Dispatch));
        Assert.Equal((DispatchStatus.Conflict, "level"), (streetDispatch.Status, streetDispatch.Field));

        await Act(District, new DeskCommand(WorkOrderAction.Dispatch), WorkOrderState.Dispatched); // the catalogue's lead and assisting units
        var card = _live.CardOf(Order)!;
        var (lead, helper) = (card.Parts()[0].UnitId, card.Parts()[1].UnitId);
        Assert.Equal([UnitRole.Lead, UnitRole.Assisting], card.Parts().Select(p => p.Role));
        Assert.Equal(("city", "env"), (_app.Services.GetRequiredService<Feeds.Reference.ReferenceBook>().Current.Data.FindUnit(lead)!.Department,
            _app.Services.GetRequiredService<Feeds.Reference.ReferenceBook>().Current.Data.FindUnit(helper)!.Department));

        await Act(Street, new DeskCommand(WorkOrderAction.SignOff), WorkOrderState.InProgress);
        await Act(Street, new DeskCommand(WorkOrderAction.SignOff, UnitId: helper), WorkOrderState.InProgress);
        await Act(Street, new DeskCommand(WorkOrderAction.ReportDone, "已清理"), WorkOrderState.InProgress); // waits for the assisting unit
        Assert.Equal(WorkOrderState.InProgress, _live.CardOf(Order)!.State);
        await Act(Street, new DeskCommand(WorkOrderAction.ReportDone, "已监测", UnitId: helper), WorkOrderState.AwaitingVerification);

        var streetVerify = await Try(Street, new DeskCommand(WorkOrderAction.VerifyOk));
        Assert.Equal((DispatchStatus.Conflict, "level"), (streetVerify.Status, streetVerify.Field));
        await Act(District, new DeskCommand(WorkOrderAction.VerifyOk), WorkOrderState.Closed);

        await _app.Services.GetRequiredService<LogProjector>().WaitForAsync(
            () => _app.Services.GetRequiredService<LogProjector>().Projected >= 11, TimeSpan.FromSeconds(30)); // reference, 2 reports, 8 steps
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        var rows = (await connection.QueryAsync<(string UnitId, string Role, long? Signed, long? Reported)>(
            "SELECT unit_id, role, signed_off_at_ms, reported_at_ms FROM work_order_units WHERE work_order_id = @Id ORDER BY role DESC",
            new { Id = SecuredApp.OrderA })).ToList();
        Assert.Equal([(lead, "Lead"), (helper, "Assisting")], rows.Select(r => (r.UnitId, r.Role)));
        Assert.All(rows, r => Assert.True(r.Signed is not null && r.Reported is not null));
        Assert.Equal("District", await connection.ExecuteScalarAsync<string>("SELECT level FROM work_orders WHERE id = @Id", new { Id = SecuredApp.OrderA }));
    }

    [Fact]
    public async Task Escalated_and_returned_orders_are_in_the_pending_bucket_of_the_api_with_their_level_and_units()
    {
        await Act(Street, new DeskCommand(WorkOrderAction.Accept), WorkOrderState.Accepted);
        await Act(Street, new DeskCommand(WorkOrderAction.Escalate, "需区级协调"), WorkOrderState.Escalated);
        using var street = await _app.SignedInAsync("op-shishan");

        var pending = System.Text.Json.JsonDocument.Parse(await street.GetStringAsync(new Uri("/api/incidents?bucket=pending-sign-off", UriKind.Relative)));
        var inProgress = System.Text.Json.JsonDocument.Parse(await street.GetStringAsync(new Uri("/api/incidents?bucket=in-progress", UriKind.Relative)));
        var escalated = Assert.Single(pending.RootElement.GetProperty("incidents").EnumerateArray());
        Assert.Equal((SecuredApp.OrderA, "escalated", "district"), (escalated.GetProperty("id").GetString(), escalated.GetProperty("state").GetString(),
            escalated.GetProperty("level").GetString()));
        Assert.Empty(inProgress.RootElement.GetProperty("incidents").EnumerateArray());

        await Act(District, new DeskCommand(WorkOrderAction.Dispatch), WorkOrderState.Dispatched);
        await Act(Street, new DeskCommand(WorkOrderAction.Return, "非本单位职责"), WorkOrderState.ReturnRequested);
        var card = System.Text.Json.JsonDocument.Parse(await street.GetStringAsync(new Uri($"/api/incidents/{SecuredApp.OrderA}", UriKind.Relative))).RootElement;
        Assert.Equal("returnRequested", card.GetProperty("state").GetString());
        Assert.Equal(["lead", "assisting"], card.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("role").GetString()));
        var stillPending = System.Text.Json.JsonDocument.Parse(await street.GetStringAsync(new Uri("/api/incidents?bucket=pending-sign-off", UriKind.Relative)));
        Assert.Single(stillPending.RootElement.GetProperty("incidents").EnumerateArray());
    }

    [Fact]
    public async Task Hub_clients_receive_the_orders_level_and_each_units_part_as_they_change()
    {
        await using var hub = await Hubs.HubClients.ConnectAsync(_app, "commander");
        var waiting = new List<(Func<Web.Hubs.IncidentMessage, bool> What, TaskCompletionSource Seen)>();
        hub.On<Web.Hubs.Delta<Web.Hubs.IncidentMessage>>(nameof(Web.Hubs.IWallClient.IncidentsChanged), d =>
        {
            lock (waiting)
            {
                foreach (var (what, seen) in waiting)
                {
                    if (d.Upserted.Any(i => i.Id == SecuredApp.OrderA && what(i)))
                    {
                        seen.TrySetResult();
                    }
                }
            }
        });
        await hub.InvokeAsync<Web.Hubs.WallSnapshotMessage>(nameof(Web.Hubs.WallHub.Subscribe), "320505");

        // Deltas carry the latest state, so each step waits for its own before the next is taken.
        async Task StepAsync(System.Security.Claims.ClaimsPrincipal user, DeskCommand command, WorkOrderState then, Func<Web.Hubs.IncidentMessage, bool> sent)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (waiting)
            {
                waiting.Add((sent, seen));
            }

            await Act(user, command, then);
            _app.Clock.Advance(TimeSpan.FromSeconds(1)); // past the hub's coalescing window
            await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await StepAsync(Street, new DeskCommand(WorkOrderAction.Accept), WorkOrderState.Accepted, i => i.State == "Accepted");
        await StepAsync(Street, new DeskCommand(WorkOrderAction.Escalate, "需区级协调"), WorkOrderState.Escalated,
            i => i.State == "Escalated" && i.Level == "District" && i.Units.Count == 0);
        await StepAsync(District, new DeskCommand(WorkOrderAction.Dispatch), WorkOrderState.Dispatched,
            i => i.State == "Dispatched" && i.Units.Select(u => u.Role).SequenceEqual(["Lead", "Assisting"]));
        var helper = _live.CardOf(Order)!.Parts()[1].UnitId;
        await StepAsync(Street, new DeskCommand(WorkOrderAction.SignOff, UnitId: helper), WorkOrderState.Dispatched,
            i => i.Units.Any(u => u.UnitId == helper && u.SignedOffAt is not null));
    }

    [Fact]
    public async Task The_district_sends_an_escalated_order_back_and_the_street_dispatches_it_itself()
    {
        await Act(Street, new DeskCommand(WorkOrderAction.Accept), WorkOrderState.Accepted);
        await Act(Street, new DeskCommand(WorkOrderAction.Escalate, "需区级协调"), WorkOrderState.Escalated);
        Assert.Equal((DispatchStatus.Conflict, "level"), Outcome(await Try(Street, new DeskCommand(WorkOrderAction.SendBack, "自己退回"))));
        await Act(District, new DeskCommand(WorkOrderAction.SendBack, "属街道职责，请街道城管中队处置"), WorkOrderState.Accepted);

        Assert.Equal(HandlingLevel.Street, _live.CardOf(Order)!.Level);
        await Act(Street, new DeskCommand(WorkOrderAction.Dispatch, Assisting: []), WorkOrderState.Dispatched);
        Assert.Single(_live.CardOf(Order)!.Parts());
    }

    [Fact]
    public async Task A_return_is_reviewed_refused_once_then_accepted_and_the_release_of_an_assisting_unit_completes_a_reported_order()
    {
        await Act(Street, new DeskCommand(WorkOrderAction.Dispatch), WorkOrderState.Dispatched);
        await Act(Street, new DeskCommand(WorkOrderAction.SignOff), WorkOrderState.InProgress);
        await Act(Street, new DeskCommand(WorkOrderAction.Return, "非本单位职责"), WorkOrderState.ReturnRequested);
        await Act(Street, new DeskCommand(WorkOrderAction.RejectReturn, "属城管职责，继续处置"), WorkOrderState.InProgress);
        await Act(Street, new DeskCommand(WorkOrderAction.Return, "确非本单位职责"), WorkOrderState.ReturnRequested);
        await Act(Street, new DeskCommand(WorkOrderAction.AcceptReturn), WorkOrderState.Accepted);
        Assert.Equal((1, 0), (_live.CardOf(Order)!.DispatchCount, _live.CardOf(Order)!.Parts().Count));

        await Act(Street, new DeskCommand(WorkOrderAction.Dispatch), WorkOrderState.Dispatched);
        var helper = _live.CardOf(Order)!.Parts()[1].UnitId;
        await Act(Street, new DeskCommand(WorkOrderAction.SignOff), WorkOrderState.InProgress);
        await Act(Street, new DeskCommand(WorkOrderAction.ReportDone, "已清理"), WorkOrderState.InProgress);
        Assert.Equal("unitId", (await Try(Street, new DeskCommand(WorkOrderAction.ReportDone, UnitId: helper))).Field); // it has not signed
        await Act(Street, new DeskCommand(WorkOrderAction.Release, "无需环保到场", UnitId: helper), WorkOrderState.AwaitingVerification);

        var accuracy = _live.Snapshot(JurisdictionCode.From("320505001")).Kpis.DispatchAccuracy;
        Assert.Equal((0, 1), (accuracy.Numerator, accuracy.Denominator)); // the one dispatched order was returned
    }

    [Fact]
    public async Task A_dissatisfied_rating_reopens_the_order_which_leaves_the_closed_bucket_until_closed_again()
    {
        await Act(Street, new DeskCommand(WorkOrderAction.Dispatch, Assisting: []), WorkOrderState.Dispatched);
        await Act(Street, new DeskCommand(WorkOrderAction.SignOff), WorkOrderState.InProgress);
        await Act(Street, new DeskCommand(WorkOrderAction.ReportDone, "已清理"), WorkOrderState.AwaitingVerification);
        await Act(Street, new DeskCommand(WorkOrderAction.VerifyOk), WorkOrderState.Closed);
        await Act(Street, new DeskCommand(WorkOrderAction.Evaluate, Satisfaction: Satisfaction.Dissatisfied), WorkOrderState.Evaluated);
        var street = JurisdictionCode.From("320505001");
        Assert.Equal(1, _live.Snapshot(street).Counts.ClosedToday);

        await Act(Street, new DeskCommand(WorkOrderAction.Reopen, "市民反映垃圾仍在"), WorkOrderState.Accepted);
        Assert.Equal((0, 1), (_live.Snapshot(street).Counts.ClosedToday, _live.Snapshot(street).Counts.PendingSignOff));
        await Act(Street, new DeskCommand(WorkOrderAction.Dispatch, Assisting: []), WorkOrderState.Dispatched);
        await Act(Street, new DeskCommand(WorkOrderAction.SignOff), WorkOrderState.InProgress);
        await Act(Street, new DeskCommand(WorkOrderAction.ReportDone, "已彻底清理"), WorkOrderState.AwaitingVerification);
        await Act(Street, new DeskCommand(WorkOrderAction.VerifyOk), WorkOrderState.Closed);

        Assert.Equal(1, _live.Snapshot(street).Counts.ClosedToday); // closed twice today, counted once
        Assert.Contains(_live.TimelineOf(Order), t => t.Action == WorkOrderAction.Reopen && t.Note == "市民反映垃圾仍在");
    }

    [Fact]
    public async Task A_dispute_is_not_reported_done_without_its_mediation_outcome_and_the_outcome_is_stored()
    {
        var bus = _app.Services.GetRequiredService<Feeds.Bus.IFeedBus>();
        var grid = JurisdictionCode.From("320505001001001");
        await bus.PublishAsync(new Domain.Events.FeedEvent("DSP-9-report", "test", _app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), grid,
            new Domain.Events.WorkOrderReported(new WorkOrderReport(WorkOrderId.From("DSP-9"), WorkOrderKind.Help, WorkOrderSource.GridPatrol,
                Domain.Categories.CategoryCode.From("21001"), Urgency.Normal, "邻里噪音纠纷", grid))));
        var dispute = WorkOrderId.From("DSP-9");
        await _live.WaitForAsync(() => _live.CardOf(dispute) is not null, TimeSpan.FromSeconds(10));
        foreach (var (command, then) in new[]
        {
            (new DeskCommand(WorkOrderAction.Dispatch, Assisting: []), WorkOrderState.Dispatched), (new DeskCommand(WorkOrderAction.SignOff), WorkOrderState.InProgress),
        })
        {
            Assert.Equal(DispatchStatus.Dispatched, (await _desk.ActAsync(Street, "DSP-9", command, $"dialog-{++_dialog:D4}", "test", default)).Status);
            await _live.WaitForAsync(() => _live.CardOf(dispute)!.State == then, TimeSpan.FromSeconds(10));
        }

        var refused = await _desk.ActAsync(Street, "DSP-9", new DeskCommand(WorkOrderAction.ReportDone, "已调解"), $"dialog-{++_dialog:D4}", "test", default);
        Assert.Equal((DispatchStatus.Invalid, "mediation"), (refused.Status, refused.Field));
        var done = await _desk.ActAsync(Street, "DSP-9", new DeskCommand(WorkOrderAction.ReportDone, "达成协议", Mediation: Domain.Categories.MediationOutcome.Settled),
            $"dialog-{++_dialog:D4}", "test", default);
        Assert.Equal(DispatchStatus.Dispatched, done.Status);
        await _live.WaitForAsync(() => _live.CardOf(dispute)!.State == WorkOrderState.AwaitingVerification, TimeSpan.FromSeconds(10));

        var projector = _app.Services.GetRequiredService<LogProjector>();
        await projector.WaitForAsync(() => projector.Projected >= 8, TimeSpan.FromSeconds(30)); // reference, 3 reports, accept, dispatch, sign, report
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        Assert.Equal("Settled", await connection.ExecuteScalarAsync<string>("SELECT mediation FROM work_orders WHERE id = 'DSP-9'"));
        var rate = _live.Snapshot(JurisdictionCode.From("320505001")).Kpis.MediationSuccess;
        Assert.Equal((1, 1), (rate.Numerator, rate.Denominator));
    }

    private static (DispatchStatus, string?) Outcome(DispatchOutcome o) => (o.Status, o.Field);

    private Task<DispatchOutcome> Try(System.Security.Claims.ClaimsPrincipal user, DeskCommand command) =>
        _desk.ActAsync(user, SecuredApp.OrderA, command, $"dialog-{++_dialog:D4}", "test", default);

    private async Task Act(System.Security.Claims.ClaimsPrincipal user, DeskCommand command, WorkOrderState expected)
    {
        var before = _live.TimelineOf(Order).Count;
        var outcome = await Try(user, command);
        Assert.True(outcome.Status == DispatchStatus.Dispatched, $"{command.Action}: {outcome.Status} {outcome.Field} {outcome.Problem}");
        await _live.WaitForAsync(() => _live.TimelineOf(Order).Count > before && _live.CardOf(Order)!.State == expected, TimeSpan.FromSeconds(10));
        Assert.Equal(expected, _live.CardOf(Order)!.State);
    }
}
