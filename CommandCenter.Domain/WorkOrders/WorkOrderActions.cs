using CommandCenter.Domain.Events;

namespace CommandCenter.Domain.WorkOrders;

public static class WorkOrderActions
{
    /// <summary>Performs an action carried by a feed event; throws <see cref="WorkOrderTransitionException"/> when refused.</summary>
    public static void Perform(this WorkOrder order, WorkOrderActed act, DateTimeOffset at)
    {
        switch (act.Action)
        {
            case WorkOrderAction.Accept: order.Accept(at, act.Actor); break;
            case WorkOrderAction.Reject: order.Reject(at, act.Actor, act.Note!); break;
            case WorkOrderAction.Dispatch: order.Dispatch(at, act.Actor, act.UnitId!, act.Assisting); break;
            case WorkOrderAction.SignOff: order.SignOff(at, act.Actor, act.UnitId); break;
            case WorkOrderAction.Return: order.Return(at, act.Actor, act.Note!); break;
            case WorkOrderAction.ReportDone: order.ReportDone(at, act.Actor, act.Note, act.UnitId, act.Mediation); break;
            case WorkOrderAction.AcceptReturn: order.AcceptReturn(at, act.Actor, act.Note); break;
            case WorkOrderAction.RejectReturn: order.RejectReturn(at, act.Actor, act.Note!); break;
            case WorkOrderAction.Escalate: order.Escalate(at, act.Actor, act.Note!); break;
            case WorkOrderAction.SendBack: order.SendBack(at, act.Actor, act.Note!); break;
            case WorkOrderAction.Reopen: order.Reopen(at, act.Actor, act.Note!); break;
            case WorkOrderAction.Release:
                order.Release(at, act.Actor, act.UnitId ?? throw Missing(order, act, "the assisting unit to release"), act.Note!);
                break;
            case WorkOrderAction.VerifyOk: order.VerifyOk(at, act.Actor, act.Note); break;
            case WorkOrderAction.Rework: order.Rework(at, act.Actor, act.Note!); break;
            case WorkOrderAction.Postpone:
                order.Postpone(at, act.Actor, act.Extension ?? TimeSpan.Zero, act.ApprovedBy!);
                break;
            case WorkOrderAction.Park: order.Park(at, act.Actor, act.Note!); break;
            case WorkOrderAction.Resume: order.Resume(at, act.Actor); break;
            case WorkOrderAction.Close:
                order.Close(at, act.Actor, act.Closure ?? ClosureType.Special, act.Note!);
                break;
            case WorkOrderAction.Evaluate:
                order.Evaluate(at, act.Actor, act.Satisfaction ?? throw Missing(order, act, "a satisfaction level"));
                break;
            case WorkOrderAction.Supervise:
                order.Supervise(at, act.Actor, act.Supervision ?? throw Missing(order, act, "a supervision level"), act.Note);
                break;
            default:
                throw new WorkOrderTransitionException(order.Id, act.Action, "not an action on an existing order");
        }
    }

    private static WorkOrderTransitionException Missing(WorkOrder order, WorkOrderActed act, string what) =>
        new(order.Id, act.Action, $"{what} is required");
}
