using CommandCenter.Domain.Sla;

namespace CommandCenter.Domain.WorkOrders;

/// <summary>What the center reviews: returns (退单), escalations (两级指挥) and reopenings (重办).</summary>
public sealed partial class WorkOrder
{
    private WorkOrderState _beforeReturn;

    /// <summary>退单: the lead unit asks to return the order (wrong unit), before or after signing; the center reviews it.</summary>
    public void Return(DateTimeOffset at, string actor, string reason)
    {
        Require(WorkOrderAction.Return, WorkOrderState.Dispatched, WorkOrderState.InProgress);
        RequireText(reason, Id, WorkOrderAction.Return, "a reason");
        if (IsParked || LeadReported)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Return,
                $"it is {State} and {(IsParked ? "parked; resume it first" : "its lead unit has reported")}");
        }

        _beforeReturn = State;
        Move(at, actor, WorkOrderAction.Return, WorkOrderState.ReturnRequested, reason); // the unit's clock runs on
    }

    /// <summary>同意退单: the order waits for a new dispatch; the return counts against dispatch accuracy (准确派遣率).</summary>
    public void AcceptReturn(DateTimeOffset at, string actor, string? note = null)
    {
        Require(WorkOrderAction.AcceptReturn, WorkOrderState.ReturnRequested);
        EndStage(at);
        UnitId = null;
        ArchiveParts();
        ReturnCount++;
        StartStage(SlaStage.Dispatch, at);
        Move(at, actor, WorkOrderAction.AcceptReturn, WorkOrderState.Accepted, note);
    }

    /// <summary>驳回退单: the order goes back to the unit as it was, its clock never stopped.</summary>
    public void RejectReturn(DateTimeOffset at, string actor, string reason)
    {
        Require(WorkOrderAction.RejectReturn, WorkOrderState.ReturnRequested);
        RequireText(reason, Id, WorkOrderAction.RejectReturn, "a reason");
        Move(at, actor, WorkOrderAction.RejectReturn, _beforeReturn, reason);
    }

    /// <summary>上报区级: a street hands an accepted order it cannot handle to the district, saying why.</summary>
    public void Escalate(DateTimeOffset at, string actor, string reason)
    {
        Require(WorkOrderAction.Escalate, WorkOrderState.Accepted);
        RequireText(reason, Id, WorkOrderAction.Escalate, "a reason");
        if (Level == HandlingLevel.District)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Escalate, $"it is {State} and the district handles it already");
        }

        EndStage(at);
        Level = HandlingLevel.District;
        StartStage(SlaStage.Dispatch, at);
        Move(at, actor, WorkOrderAction.Escalate, WorkOrderState.Escalated, reason);
    }

    /// <summary>退回街道: the district returns an escalated order to its street with instructions.</summary>
    public void SendBack(DateTimeOffset at, string actor, string instructions)
    {
        Require(WorkOrderAction.SendBack, WorkOrderState.Escalated);
        RequireText(instructions, Id, WorkOrderAction.SendBack, "instructions");
        EndStage(at);
        Level = HandlingLevel.Street;
        StartStage(SlaStage.Dispatch, at);
        Move(at, actor, WorkOrderAction.SendBack, WorkOrderState.Accepted, instructions);
    }

    /// <summary>
    /// 重办: an order rated dissatisfied reopens with its history and waits for a new dispatch; it leaves the closed bucket
    /// until it is closed again (its closing time is then the new one, so it is counted closed once).
    /// </summary>
    public void Reopen(DateTimeOffset at, string actor, string reason)
    {
        Require(WorkOrderAction.Reopen, WorkOrderState.Evaluated);
        RequireText(reason, Id, WorkOrderAction.Reopen, "a reason");
        if (Satisfaction is not (WorkOrders.Satisfaction.Dissatisfied or WorkOrders.Satisfaction.VeryDissatisfied))
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Reopen, $"it is {State} rated {Satisfaction}; 重办 follows a dissatisfied rating");
        }

        ReopenCount++;
        ClosedAt = null;
        Closure = null;
        UnitId = null;
        ArchiveParts();
        StartStage(SlaStage.Dispatch, at);
        Move(at, actor, WorkOrderAction.Reopen, WorkOrderState.Accepted, reason);
    }
}
