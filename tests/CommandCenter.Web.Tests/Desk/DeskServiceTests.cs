using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Desk;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Desk;

/// <summary>Every desk action through the service and the store, each landing on the order's timeline and in the audit log.</summary>
public sealed class DeskServiceTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal OperatorA =
        CenterUser.Create("op-shishan", "狮山值班员", Role.Operator, JurisdictionCode.From("320505001"), false, "test");

    private static readonly System.Security.Claims.ClaimsPrincipal Analyst =
        CenterUser.Create("analyst", "分析员", Role.Analyst, JurisdictionCode.From("320505"), false, "test");

    private readonly SecuredApp _app = new();
    private DeskService _desk = default!;
    private LiveSituation _live = default!;
    private int _dialog;

    public async Task InitializeAsync()
    {
        await _app.WithOrdersAsync();
        _desk = _app.Services.GetRequiredService<DeskService>();
        _live = _app.Services.GetRequiredService<LiveSituation>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_order_goes_through_the_whole_loop_at_the_desk()
    {
        await Act(new DeskCommand(WorkOrderAction.Supervise, "群众反映强烈", Level: Supervision.Yellow), WorkOrderState.Reported, s => s == Supervision.Yellow);
        await Act(new DeskCommand(WorkOrderAction.Dispatch), WorkOrderState.Dispatched);
        await Act(new DeskCommand(WorkOrderAction.Return, "不属于本单位职责"), WorkOrderState.ReturnRequested);
        await Act(new DeskCommand(WorkOrderAction.AcceptReturn, "同意，改派环保"), WorkOrderState.Accepted);
        await Act(new DeskCommand(WorkOrderAction.Dispatch, UnitId: "U-001-env", Assisting: []), WorkOrderState.Dispatched);
        await Act(new DeskCommand(WorkOrderAction.SignOff), WorkOrderState.InProgress);
        await Act(new DeskCommand(WorkOrderAction.Postpone, "需协调物业", Extension: TimeSpan.FromDays(1), ApprovedBy: "commander",
            ApproverPassword: DemoAccounts.Password), WorkOrderState.InProgress);
        await Act(new DeskCommand(WorkOrderAction.Park, "等待业主回家"), WorkOrderState.InProgress, parked: true);
        await Act(new DeskCommand(WorkOrderAction.Resume), WorkOrderState.InProgress, parked: false);
        await Act(new DeskCommand(WorkOrderAction.ReportDone, "已清理"), WorkOrderState.AwaitingVerification);
        await Act(new DeskCommand(WorkOrderAction.Rework, "现场仍有垃圾"), WorkOrderState.InProgress);
        await Act(new DeskCommand(WorkOrderAction.ReportDone, "已彻底清理"), WorkOrderState.AwaitingVerification);
        await Act(new DeskCommand(WorkOrderAction.VerifyOk), WorkOrderState.Closed);
        await Act(new DeskCommand(WorkOrderAction.Evaluate, Satisfaction: Satisfaction.Satisfied), WorkOrderState.Evaluated);

        var timeline = _live.TimelineOf(WorkOrderId.From(SecuredApp.OrderA)).Select(t => t.Action).ToList();
        Assert.Equal([WorkOrderAction.Report, WorkOrderAction.Supervise, WorkOrderAction.Accept, WorkOrderAction.Dispatch, WorkOrderAction.Return,
            WorkOrderAction.AcceptReturn, WorkOrderAction.Dispatch, WorkOrderAction.SignOff, WorkOrderAction.Postpone, WorkOrderAction.Park, WorkOrderAction.Resume,
            WorkOrderAction.ReportDone, WorkOrderAction.Rework, WorkOrderAction.ReportDone, WorkOrderAction.VerifyOk, WorkOrderAction.Evaluate], timeline);
        Assert.Equal(12, (await _app.Store.Audit.SearchAuditAsync(new AuditQuery("op-shishan", "work-order.", Limit: 100), CancellationToken.None))
            .Count(a => a.Action != "work-order.dispatch"));
    }

    [Fact]
    public async Task A_postponement_needs_a_commander_of_the_order_to_approve_it_with_their_password()
    {
        await Act(new DeskCommand(WorkOrderAction.Dispatch), WorkOrderState.Dispatched);
        await Act(new DeskCommand(WorkOrderAction.SignOff), WorkOrderState.InProgress);
        var streetB = new StoredUser("commander-fq", "枫桥指挥长", "Commander", "320505002", null, 0, null, 0, 0);
        await _app.Store.Accounts.CreateUserAsync(streetB with { PasswordHash = AccountService.Hash(streetB, "street-b-secret-1") }, default);

        foreach (var (approver, password) in new[]
        {
            ("值班长王", "whatever"), // free text is no approval
            ("commander", "wrong-password"),
            ("op-shishan", DemoAccounts.Password), // not a commander
            ("commander-fq", "street-b-secret-1"), // a commander of another street
            ("commander", ""),
        })
        {
            var refused = await _desk.ActAsync(OperatorA, SecuredApp.OrderA, new DeskCommand(WorkOrderAction.Postpone, "需协调物业",
                Extension: TimeSpan.FromDays(1), ApprovedBy: approver, ApproverPassword: password), $"dialog-postpone-{++_dialog}", "test", default);
            Assert.True((DispatchStatus.Invalid, "approvedBy") == (refused.Status, refused.Field), $"{approver}: {refused.Status} {refused.Field}");
        }

        await Act(new DeskCommand(WorkOrderAction.Postpone, "需协调物业", Extension: TimeSpan.FromDays(1), ApprovedBy: "commander",
            ApproverPassword: DemoAccounts.Password), WorkOrderState.InProgress);
        var postponed = _live.TimelineOf(WorkOrderId.From(SecuredApp.OrderA)).Single(t => t.Action == WorkOrderAction.Postpone);
        Assert.Contains("approved by commander", postponed.Note, StringComparison.Ordinal);
        Assert.Equal(1, await _app.AuditCountAsync("commander", "approval.ok"));
        Assert.Equal(1, await _app.AuditCountAsync("commander", "approval.failed"));
        Assert.Equal(2, await _app.AuditCountAsync("op-shishan", "approval.refused") + await _app.AuditCountAsync("commander-fq", "approval.refused"));
    }

    [Fact]
    public async Task Reject_and_close_need_a_reason_and_happen_once_however_often_clicked()
    {
        var missing = await _desk.ActAsync(OperatorA, SecuredApp.OrderA, new DeskCommand(WorkOrderAction.Reject), "dialog-reject-1", "test", default);
        Assert.Equal((DispatchStatus.Invalid, "note"), (missing.Status, missing.Field));

        var command = new DeskCommand(WorkOrderAction.Reject, "重复工单");
        var clicks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _desk.ActAsync(OperatorA, SecuredApp.OrderA, command, "dialog-reject-2", "test", default)));

        Assert.All(clicks, c => Assert.Equal(DispatchStatus.Dispatched, c.Status));
        await _live.WaitForAsync(() => _live.CardOf(WorkOrderId.From(SecuredApp.OrderA))?.State == WorkOrderState.Voided, TimeSpan.FromSeconds(10));
        Assert.Equal(1, await _app.AuditCountAsync("op-shishan", "work-order.reject"));
    }

    [Fact]
    public async Task What_the_state_machine_refuses_is_refused_and_another_street_is_not_found()
    {
        var tooEarly = await _desk.ActAsync(OperatorA, SecuredApp.OrderA, new DeskCommand(WorkOrderAction.SignOff), "dialog-early-1", "test", default);
        var otherStreet = await _desk.ActAsync(OperatorA, SecuredApp.OrderB, new DeskCommand(WorkOrderAction.Accept), "dialog-other-1", "test", default);
        var readOnly = await _desk.ActAsync(Analyst, SecuredApp.OrderA, new DeskCommand(WorkOrderAction.Accept), "dialog-analyst", "test", default);

        Assert.Equal(DispatchStatus.Conflict, tooEarly.Status);
        Assert.Contains("签收 is not possible now", tooEarly.Problem, StringComparison.Ordinal);
        Assert.Equal(DispatchStatus.NotFound, otherStreet.Status);
        Assert.Equal(DispatchStatus.Forbidden, readOnly.Status);
        Assert.Equal(1, await _app.AuditCountAsync("op-shishan", "access.denied"));
        Assert.Equal(1, await _app.AuditCountAsync("analyst", "access.denied"));
    }

    [Fact]
    public async Task Overdue_orders_are_carded_yellow_then_red_once_and_the_wall_shows_it()
    {
        var supervision = _app.Services.GetRequiredService<SupervisionService>();
        var id = WorkOrderId.From(SecuredApp.OrderA);
        Assert.Equal(0, await supervision.SuperviseAsync(default));

        // A normal report must be accepted within 30 working minutes: 40 minutes on it is overdue, 50 is 166 %.
        // (Moving the clock also wakes the service's own 30 s timer, so either run may card them: count what is stored.)
        _app.Clock.Advance(TimeSpan.FromMinutes(40));
        await supervision.SuperviseAsync(default);
        await _live.WaitForAsync(() => _live.CardOf(id)?.Supervision == Supervision.Yellow, TimeSpan.FromSeconds(10));
        Assert.Equal(0, await supervision.SuperviseAsync(default)); // once
        Assert.Equal(2, await _app.AuditCountAsync(SupervisionService.Actor, "work-order.supervise")); // orders A and B

        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        await supervision.SuperviseAsync(default);
        await _live.WaitForAsync(() => _live.CardOf(id)?.Supervision == Supervision.Red, TimeSpan.FromSeconds(10));
        Assert.Equal(0, await supervision.SuperviseAsync(default));
        Assert.Equal(1, _live.Snapshot(JurisdictionCode.From("320505001")).Counts.SupervisedRed);
        Assert.Equal(4, await _app.AuditCountAsync(SupervisionService.Actor, "work-order.supervise"));
    }

    private async Task Act(DeskCommand command, WorkOrderState expected, Func<Supervision, bool>? supervision = null, bool? parked = null)
    {
        var id = WorkOrderId.From(SecuredApp.OrderA);
        var before = _live.TimelineOf(id).Count;
        var outcome = await _desk.ActAsync(OperatorA, SecuredApp.OrderA, command, $"dialog-{++_dialog:D4}", "test", default);
        Assert.True(outcome.Status == DispatchStatus.Dispatched, $"{command.Action}: {outcome.Status} {outcome.Field} {outcome.Problem}");
        await _live.WaitForAsync(() => _live.TimelineOf(id).Count > before, TimeSpan.FromSeconds(10));
        var card = _live.CardOf(id)!;
        Assert.Equal(expected, card.State);
        Assert.True(supervision is null || supervision(card.Supervision));
        Assert.True(parked is null || parked == card.Parked);
    }
}
