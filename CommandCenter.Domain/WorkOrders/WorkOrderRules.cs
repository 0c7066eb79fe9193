namespace CommandCenter.Domain.WorkOrders;

/// <summary>
/// Which actions an order in a given state takes (the state machine of <see cref="WorkOrder"/>, as a table), so a
/// desk offers only what will be accepted. Supervision is offered on every open order. (A desk's one-click dispatch of
/// a reported order accepts it first: see the dispatch service.)
/// </summary>
public static class WorkOrderRules
{
    public static IReadOnlyList<WorkOrderAction> Allowed(WorkOrderState state, bool parked) => Allowed(new OrderStanding(state, parked));

    public static IReadOnlyList<WorkOrderAction> Allowed(OrderStanding o)
    {
        List<WorkOrderAction> allowed = o.State switch
        {
            WorkOrderState.Reported => [WorkOrderAction.Accept, WorkOrderAction.Reject],
            WorkOrderState.Accepted when o.Level == HandlingLevel.Street => [WorkOrderAction.Dispatch, WorkOrderAction.Escalate, WorkOrderAction.Close],
            WorkOrderState.Accepted => [WorkOrderAction.Dispatch, WorkOrderAction.Close],
            WorkOrderState.Escalated => [WorkOrderAction.Dispatch, WorkOrderAction.SendBack, WorkOrderAction.Close],
            WorkOrderState.Dispatched => [WorkOrderAction.SignOff, WorkOrderAction.Return, WorkOrderAction.Close],
            WorkOrderState.ReturnRequested => [WorkOrderAction.AcceptReturn, WorkOrderAction.RejectReturn, WorkOrderAction.Close],
            WorkOrderState.InProgress when o.Parked => [WorkOrderAction.Resume, WorkOrderAction.Postpone, WorkOrderAction.Close],
            WorkOrderState.InProgress when o.LeadReported => [WorkOrderAction.Postpone, WorkOrderAction.Close],
            WorkOrderState.InProgress => [WorkOrderAction.ReportDone, WorkOrderAction.Return, WorkOrderAction.Postpone, WorkOrderAction.Park, WorkOrderAction.Close],
            WorkOrderState.AwaitingVerification => [WorkOrderAction.VerifyOk, WorkOrderAction.Rework, WorkOrderAction.Close],
            WorkOrderState.Closed => [WorkOrderAction.Evaluate],
            WorkOrderState.Evaluated when o.Dissatisfied => [WorkOrderAction.Reopen],
            _ => [],
        };
        if (o.AssistingOpen && o.State is WorkOrderState.Dispatched or WorkOrderState.InProgress)
        {
            allowed.Add(WorkOrderAction.Release);
        }

        if (o.State.IsOpen())
        {
            allowed.Add(WorkOrderAction.Supervise);
        }

        return allowed;
    }

    /// <summary>
    /// Actions of the center rather than of a unit. On an order the district handles, only the district takes them; a unit's
    /// own steps (签收, 退单, 办结反馈, 挂起, 恢复) are the unit's wherever the order sits.
    /// </summary>
    public static bool IsCenterAction(WorkOrderAction action) =>
        action is WorkOrderAction.Accept or WorkOrderAction.Reject or WorkOrderAction.Dispatch or WorkOrderAction.AcceptReturn
            or WorkOrderAction.RejectReturn or WorkOrderAction.SendBack or WorkOrderAction.VerifyOk or WorkOrderAction.Rework
            or WorkOrderAction.Close or WorkOrderAction.Reopen or WorkOrderAction.Release;

    /// <summary>Actions that must say why (退单/不予受理/挂起/返工/结案/上报区级/退回街道/驳回退单/重办/释放协办; 延期 needs who approved).</summary>
    public static bool NeedsReason(WorkOrderAction action) =>
        action is WorkOrderAction.Reject or WorkOrderAction.Return or WorkOrderAction.Park or WorkOrderAction.Rework or WorkOrderAction.Close
            or WorkOrderAction.Escalate or WorkOrderAction.SendBack or WorkOrderAction.RejectReturn or WorkOrderAction.Reopen
            or WorkOrderAction.Release;

    /// <summary>The action's name on a Chinese desk.</summary>
    public static string NameOf(WorkOrderAction action) => action switch
    {
        WorkOrderAction.Report => "上报",
        WorkOrderAction.Accept => "受理",
        WorkOrderAction.Reject => "不予受理",
        WorkOrderAction.Dispatch => "派单",
        WorkOrderAction.SignOff => "签收",
        WorkOrderAction.Return => "退单",
        WorkOrderAction.ReportDone => "办结反馈",
        WorkOrderAction.VerifyOk => "核查通过",
        WorkOrderAction.Rework => "返工",
        WorkOrderAction.Postpone => "延期",
        WorkOrderAction.Park => "挂起",
        WorkOrderAction.Resume => "恢复",
        WorkOrderAction.Close => "结案",
        WorkOrderAction.Evaluate => "评价",
        WorkOrderAction.Supervise => "督办",
        WorkOrderAction.Escalate => "上报区级",
        WorkOrderAction.SendBack => "退回街道",
        WorkOrderAction.AcceptReturn => "同意退单",
        WorkOrderAction.RejectReturn => "驳回退单",
        WorkOrderAction.Reopen => "重办",
        WorkOrderAction.Release => "释放协办",
        _ => action.ToString(),
    };
}
