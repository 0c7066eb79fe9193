using CommandCenter.Domain.Sla;

namespace CommandCenter.Domain.WorkOrders;

/// <summary>Joint handling (联动): a lead unit (主办) and assisting units (协办), each with its own sign-off and report.</summary>
public sealed partial class WorkOrder
{
    private readonly List<(int Round, UnitPart Part)> _pastParts = [];

    /// <summary>Every unit's part in every dispatch round, earlier rounds (before a return or reopening) first.</summary>
    public IEnumerable<(int Round, UnitPart Part)> PartsByRound => _pastParts.Concat(_parts.Select(p => (DispatchCount, p)));

    /// <summary>The lead unit has reported in this round and the order waits for assisting units.</summary>
    public bool LeadReported => _parts.Any(p => p.Role == UnitRole.Lead && p.ReportedAt is not null);

    /// <summary>Assisting units still expected to report.</summary>
    public IEnumerable<string> OpenAssisting => _parts.Where(p => p.Role == UnitRole.Assisting && !p.IsDone).Select(p => p.UnitId);

    /// <summary>
    /// 立案派遣 to a lead unit, with the assisting units given (none by default). A dispatch after a return, a send-back or a
    /// reopening is a re-dispatch (改派) and starts a new round of parts.
    /// </summary>
    public void Dispatch(DateTimeOffset at, string actor, string unitId, IReadOnlyList<string>? assisting = null)
    {
        Require(WorkOrderAction.Dispatch, WorkOrderState.Accepted, WorkOrderState.Escalated);
        RequireText(unitId, Id, WorkOrderAction.Dispatch, "a unit");
        var helpers = assisting ?? [];
        if (helpers.FirstOrDefault(u => string.IsNullOrWhiteSpace(u) || u == unitId) is { } wrong)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Dispatch,
                string.IsNullOrWhiteSpace(wrong) ? "an assisting unit is blank" : $"{unitId} cannot lead and assist at once");
        }

        if (helpers.GroupBy(u => u, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.Dispatch, $"{twice.Key} assists twice");
        }

        EndStage(at);
        UnitId = unitId;
        ArchiveParts();
        _parts = [new UnitPart(unitId, UnitRole.Lead), .. helpers.Select(u => new UnitPart(u, UnitRole.Assisting))];
        DispatchCount++;
        StartStage(SlaStage.SignOff, at);
        Move(at, actor, WorkOrderAction.Dispatch, WorkOrderState.Dispatched, unitId);
    }

    /// <summary>释放协办: the center no longer waits for an assisting unit; when the lead has reported, the order goes to verification.</summary>
    public void Release(DateTimeOffset at, string actor, string unitId, string reason)
    {
        Require(WorkOrderAction.Release, WorkOrderState.Dispatched, WorkOrderState.InProgress);
        RequireText(reason, Id, WorkOrderAction.Release, "a reason");
        var part = OpenPart(WorkOrderAction.Release, unitId);
        Update(part, p => p with { ReleasedAt = at });
        Move(at, actor, WorkOrderAction.Release, State, $"{unitId}: {reason}");
        CompleteIfAllReported(at, actor);
    }

    /// <summary>True when <paramref name="unitId"/> names an assisting unit's part; an unknown unit is refused.</summary>
    private bool IsAssisting(string? unitId, WorkOrderAction action)
    {
        if (string.IsNullOrEmpty(unitId) || unitId == UnitId)
        {
            return false;
        }

        return _parts.Any(p => p.UnitId == unitId && p.Role == UnitRole.Assisting)
            ? true
            : throw new WorkOrderTransitionException(Id, action, $"it is {State} and {unitId} is not one of its units");
    }

    private void SignOffPart(DateTimeOffset at, string actor, string unitId)
    {
        Require(WorkOrderAction.SignOff, WorkOrderState.Dispatched, WorkOrderState.InProgress);
        var part = OpenPart(WorkOrderAction.SignOff, unitId);
        if (part.SignedOffAt is not null)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.SignOff, $"it is {State} and {unitId} has signed already");
        }

        Update(part, p => p with { SignedOffAt = at });
        Move(at, actor, WorkOrderAction.SignOff, State, $"协办 {unitId}");
    }

    private void ReportPart(DateTimeOffset at, string actor, string unitId, string? note)
    {
        Require(WorkOrderAction.ReportDone, WorkOrderState.Dispatched, WorkOrderState.InProgress);
        var part = OpenPart(WorkOrderAction.ReportDone, unitId);
        if (part.SignedOffAt is null)
        {
            throw new WorkOrderTransitionException(Id, WorkOrderAction.ReportDone, $"it is {State} and {unitId} has not signed yet");
        }

        Update(part, p => p with { ReportedAt = at });
        Move(at, actor, WorkOrderAction.ReportDone, State, string.IsNullOrWhiteSpace(note) ? $"协办 {unitId}" : $"协办 {unitId}: {note}");
        CompleteIfAllReported(at, actor);
    }

    private UnitPart OpenPart(WorkOrderAction action, string unitId)
    {
        var part = _parts.FirstOrDefault(p => p.UnitId == unitId && p.Role == UnitRole.Assisting)
            ?? throw new WorkOrderTransitionException(Id, action, $"it is {State} and {unitId} is not one of its assisting units");
        return part.IsDone
            ? throw new WorkOrderTransitionException(Id, action,
                $"it is {State} and {unitId} has {(part.ReleasedAt is null ? "reported" : "been released")} already")
            : part;
    }

    private void CompleteIfAllReported(DateTimeOffset at, string actor)
    {
        if (State == WorkOrderState.InProgress && LeadReported && !OpenAssisting.Any())
        {
            ToVerification(at, actor, WorkOrderAction.ReportDone, "主办、协办均已反馈");
        }
    }

    private void ToVerification(DateTimeOffset at, string actor, WorkOrderAction action, string? note)
    {
        HandledOnTime = EndStage(at);
        StartStage(SlaStage.Verification, at);
        Move(at, actor, action, WorkOrderState.AwaitingVerification, note);
    }

    /// <summary>Keeps the current round's parts in the order's history before a new round replaces them.</summary>
    private void ArchiveParts()
    {
        _pastParts.AddRange(_parts.Select(p => (DispatchCount, p)));
        _parts = [];
    }

    private void UpdateLead(Func<UnitPart, UnitPart> change)
    {
        if (_parts.FirstOrDefault(p => p.Role == UnitRole.Lead) is { } lead)
        {
            Update(lead, change);
        }
    }

    private void Update(UnitPart part, Func<UnitPart, UnitPart> change) => _parts[_parts.IndexOf(part)] = change(part);
}
