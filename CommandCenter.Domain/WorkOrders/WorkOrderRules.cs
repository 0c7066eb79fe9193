namespace CommandCenter.Domain.WorkOrders;

/// <summary>
/// Which actions an order in a given state takes (the state machine of <see cref="WorkOrder"/>, as a table), so a
/// desk offers only what will be accepted. Supervision is offered on every open order. (A desk's one-click dispatch of
/// a reported order accepts it first: see the dispatch service.)
/// </summary>
public static class WorkOrderRules
{
    public static IReadOnlyList<WorkOrderAction> Allowed(WorkOrderState state, bool parked) => state switch
    {
        WorkOrderState.Reported => [WorkOrderAction.Accept, WorkOrderAction.Reject, WorkOrderAction.Supervise],
        WorkOrderState.Accepted => [WorkOrderAction.Dispatch, WorkOrderAction.Close, WorkOrderAction.Supervise],
        WorkOrderState.Dispatched => [WorkOrderAction.SignOff, WorkOrderAction.Return, WorkOrderAction.Close, WorkOrderAction.Supervise],
        WorkOrderState.InProgress when parked => [WorkOrderAction.Resume, WorkOrderAction.Postpone, WorkOrderAction.Close, WorkOrderAction.Supervise],
        WorkOrderState.InProgress => [WorkOrderAction.ReportDone, WorkOrderAction.Postpone, WorkOrderAction.Park, WorkOrderAction.Close, WorkOrderAction.Supervise],
        WorkOrderState.AwaitingVerification => [WorkOrderAction.VerifyOk, WorkOrderAction.Rework, WorkOrderAction.Close, WorkOrderAction.Supervise],
        WorkOrderState.Closed => [WorkOrderAction.Evaluate],
        _ => [],
    };

    /// <summary>Actions that must say why (退回/驳回/挂起/返工/结案 need a reason; 延期 needs who approved).</summary>
    public static bool NeedsReason(WorkOrderAction action) =>
        action is WorkOrderAction.Reject or WorkOrderAction.Return or WorkOrderAction.Park or WorkOrderAction.Rework or WorkOrderAction.Close;

    /// <summary>The action's name on a Chinese desk.</summary>
    public static string NameOf(WorkOrderAction action) => action switch
    {
        WorkOrderAction.Report => "上报",
        WorkOrderAction.Accept => "受理",
        WorkOrderAction.Reject => "不予受理",
        WorkOrderAction.Dispatch => "派单",
        WorkOrderAction.SignOff => "签收",
        WorkOrderAction.Return => "退回",
        WorkOrderAction.ReportDone => "办结反馈",
        WorkOrderAction.VerifyOk => "核查通过",
        WorkOrderAction.Rework => "返工",
        WorkOrderAction.Postpone => "延期",
        WorkOrderAction.Park => "挂起",
        WorkOrderAction.Resume => "恢复",
        WorkOrderAction.Close => "结案",
        WorkOrderAction.Evaluate => "评价",
        WorkOrderAction.Supervise => "督办",
        _ => action.ToString(),
    };
}
