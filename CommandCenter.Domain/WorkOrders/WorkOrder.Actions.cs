using CommandCenter.Domain.Sla;

namespace CommandCenter.Domain.WorkOrders;

public sealed partial class WorkOrder
{
    /// <summary>受理</summary>
    public void Accept(DateTimeOffset at, string actor)
    {
        Require(WorkOrderAction.Accept, WorkOrderState.Reported);
        Move(at, actor, WorkOrderAction.Accept, WorkOrderState.Accepted, null);
    }

    /// <summary>不予受理: the order is voided with a reason.</summary>
    public void Reject(DateTimeOffset at, string actor, string reason)
    {
        Require(WorkOrderAction.Reject, WorkOrderState.Reported);
        RequireText(reason, Id, WorkOrderAction.Reject, "a reason");
        EndStage(at);
        Stage = SlaStage.None;
        Move(at, actor, WorkOrderAction.Reject, WorkOrderState.Voided, reason);
    }

    /// <summary>签收 by the lead unit, or by an assisting unit for its part (<paramref name="unitId"/>).</summary>
    public void SignOff(DateTimeOffset at, string actor, string? unitId = null)
    {
        if (IsAssisting(unitId, WorkOrderAction.SignOff))
        {
            SignOffPart(at, actor, unitId!);
            return;
        }

        Require(WorkOrderAction.SignOff, WorkOrderState.Dispatched);
        SignedOffOnTime = EndStage(at);
        SignedOffAt = at;
        UpdateLead(p => p with { SignedOffAt = at });
        StartStage(SlaStage.Handling, at);
        Move(at, actor, WorkOrderAction.SignOff, WorkOrderState.InProgress, null);
    }

    /// <summary>
    /// 处理反馈: the lead unit reports the matter handled, or an assisting unit its part. The order goes to verification once
    /// the lead has reported and every assisting unit has reported or been released.
    /// </summary>
    public void ReportDone(DateTimeOffset at, string actor, string? note = null, string? unitId = null,
        Categories.MediationOutcome? mediation = null)
    {
        if (IsAssisting(unitId, WorkOrderAction.ReportDone))
        {
            ReportPart(at, actor, unitId!, note);
            return;
        }

        Require(WorkOrderAction.ReportDone, WorkOrderState.InProgress);
        if (IsParked)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.ReportDone, "it is parked; resume it first");
        }

        if (LeadReported)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.ReportDone,
                $"it is {State} and its lead unit has reported; waiting for {string.Join(", ", OpenAssisting)}");
        }

        if (Matter == Categories.GovernanceMatter.Dispute && mediation is null)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.ReportDone, $"it is {State}, a dispute; its report needs the mediation outcome");
        }

        if (mediation is { } outcome && !Enum.IsDefined(outcome))
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.ReportDone, $"mediation outcome {(int)outcome} is not one of {string.Join(", ", Enum.GetNames<Categories.MediationOutcome>())}");
        }

        Mediation = mediation ?? Mediation;
        UpdateLead(p => p with { ReportedAt = at });
        if (OpenAssisting.Any())
        {
            Move(at, actor, WorkOrderAction.ReportDone, State, note);
            return;
        }

        ToVerification(at, actor, WorkOrderAction.ReportDone, note);
    }

    /// <summary>核查通过: the order is closed, as overdue when any stage ran past its limit.</summary>
    public void VerifyOk(DateTimeOffset at, string actor, string? note = null)
    {
        Require(WorkOrderAction.VerifyOk, WorkOrderState.AwaitingVerification);
        EndStage(at);
        Finish(at, EverOverdue ? ClosureType.Overdue : ClosureType.Normal);
        Move(at, actor, WorkOrderAction.VerifyOk, WorkOrderState.Closed, note);
    }

    /// <summary>核查不通过, 返工: back to the same unit with a fresh handling limit.</summary>
    public void Rework(DateTimeOffset at, string actor, string reason)
    {
        Require(WorkOrderAction.Rework, WorkOrderState.AwaitingVerification);
        RequireText(reason, Id, WorkOrderAction.Rework, "a reason");
        EndStage(at);
        ReworkCount++;
        UpdateLead(p => p with { ReportedAt = null });
        StartStage(SlaStage.Handling, at);
        Move(at, actor, WorkOrderAction.Rework, WorkOrderState.InProgress, reason);
    }

    /// <summary>延期: extends the handling limit, approved by a commander of the order (指挥长; their account, checked at the desk).</summary>
    public void Postpone(DateTimeOffset at, string actor, TimeSpan extension, string approvedBy)
    {
        Require(WorkOrderAction.Postpone, WorkOrderState.InProgress);
        RequireText(approvedBy, Id, WorkOrderAction.Postpone, "the approving commander");
        if (extension <= TimeSpan.Zero)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Postpone, $"extension must be positive, was {extension}");
        }

        _extension += extension;
        PostponeCount++;
        Move(at, actor, WorkOrderAction.Postpone, State, $"+{extension} approved by {approvedBy}");
    }

    /// <summary>挂账/缓办: stops the clock; the order no longer counts as due to close.</summary>
    public void Park(DateTimeOffset at, string actor, string reason)
    {
        Require(WorkOrderAction.Park, WorkOrderState.InProgress);
        RequireText(reason, Id, WorkOrderAction.Park, "a reason");
        if (IsParked || LeadReported)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Park,
                IsParked ? "it is already parked" : $"it is {State} and its lead unit has reported; nothing is left to park");
        }

        ParkedSince = at;
        Move(at, actor, WorkOrderAction.Park, State, reason);
    }

    /// <summary>Ends a park; the clock runs again from where it stopped.</summary>
    public void Resume(DateTimeOffset at, string actor)
    {
        Require(WorkOrderAction.Resume, WorkOrderState.InProgress);
        if (ParkedSince is not { } since)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Resume, "it is not parked");
        }

        _pausedInStage += _terms.Elapsed(since, at);
        ParkedSince = null;
        Move(at, actor, WorkOrderAction.Resume, State, null);
    }

    /// <summary>
    /// 结案 by the center outside the normal loop, as an error or special closure (e.g. a duplicate report).
    /// Normal and overdue closures come from <see cref="VerifyOk"/>.
    /// </summary>
    public void Close(DateTimeOffset at, string actor, ClosureType closure, string reason)
    {
        Require(WorkOrderAction.Close, WorkOrderState.Accepted, WorkOrderState.Dispatched,
            WorkOrderState.InProgress, WorkOrderState.AwaitingVerification, WorkOrderState.ReturnRequested, WorkOrderState.Escalated);
        if (closure is not (ClosureType.Error or ClosureType.Special))
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Close,
                $"closure {closure} comes from verification; the center closes as Error or Special");
        }

        RequireText(reason, Id, WorkOrderAction.Close, "a reason");
        EndStage(at);
        Finish(at, closure);
        Move(at, actor, WorkOrderAction.Close, WorkOrderState.Closed, reason);
    }

    /// <summary>好差评: the citizen's evaluation of a closed order.</summary>
    public void Evaluate(DateTimeOffset at, string actor, Satisfaction satisfaction)
    {
        Require(WorkOrderAction.Evaluate, WorkOrderState.Closed);
        if (!Enum.IsDefined(satisfaction))
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Evaluate, $"satisfaction {(int)satisfaction} is not 1–5");
        }

        Satisfaction = satisfaction;
        Move(at, actor, WorkOrderAction.Evaluate, WorkOrderState.Evaluated, satisfaction.ToString());
    }

    /// <summary>督办: raises the supervision flag. Returns false when the order already carries that level.</summary>
    public bool Supervise(DateTimeOffset at, string actor, Supervision level, string? note = null)
    {
        if (!State.IsOpen())
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Supervise, $"it is {State}; only open orders are supervised");
        }

        if (level == Supervision)
        {
            return false;
        }

        if (level < Supervision)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Supervise,
                $"it already carries {Supervision}; supervision does not step down to {level}");
        }

        Supervision = level;
        Move(at, actor, WorkOrderAction.Supervise, State, note ?? level.ToString());
        return true;
    }

    private void Finish(DateTimeOffset at, ClosureType closure)
    {
        Stage = SlaStage.None;
        ParkedSince = null;
        ClosedAt = at;
        Closure = closure;
    }
}
