using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Kpis;

/// <summary>
/// What the KPI formulas need to know of one order at one instant. Built from a live aggregate or read back
/// from the store, so the formulas exist once.
/// </summary>
public sealed record WorkOrderFacts(
    WorkOrderState State,
    bool Parked,
    bool OverdueNow,
    SlaStage Stage,
    ClosureType? Closure,
    bool? HandledOnTime,
    bool? SignedOffOnTime,
    int ReworkCount,
    int PostponeCount,
    int DispatchCount,
    int ReturnCount,
    Satisfaction? Satisfaction,
    HandlingLevel Level = HandlingLevel.Street,
    Categories.GovernanceMatter Matter = Categories.GovernanceMatter.None,
    Categories.MediationOutcome? Mediation = null,
    bool? RectifiedOnTime = null)
{
    public static WorkOrderFacts Of(WorkOrder o, DateTimeOffset now) => Of(o, now, o.IsOpen ? o.SlaAt(now) : SlaStatus.Stopped);

    /// <summary>The facts with the order's SLA status at <paramref name="now"/> already worked out.</summary>
    public static WorkOrderFacts Of(WorkOrder o, DateTimeOffset now, SlaStatus sla)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(sla);
        return new WorkOrderFacts(o.State, o.IsParked, sla.IsOverdue, sla.Stage, o.Closure, o.HandledOnTime,
            o.SignedOffOnTime, o.ReworkCount, o.PostponeCount, o.DispatchCount, o.ReturnCount, o.Satisfaction, o.Level, o.Matter, o.Mediation, o.RectifiedOnTime(now));
    }
}
