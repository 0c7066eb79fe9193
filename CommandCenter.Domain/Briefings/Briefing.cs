using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Briefings;

/// <summary>One order as the morning briefing (晨间例会) sees it.</summary>
public sealed record BriefingOrder(
    WorkOrderId Id,
    string Title,
    CategoryCode Category,
    JurisdictionCode Scope,
    string? UnitId,
    Urgency Urgency,
    Supervision Supervision,
    DateTimeOffset ReportedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? Deadline,
    bool EverOverdue,
    WorkOrderFacts Facts)
{
    /// <summary>Overdue now, or closed after a limit ran out.</summary>
    public bool Overdue => EverOverdue || (Facts.OverdueNow && !Facts.Parked);

    public bool Closed => Facts.State.ToBucket() == WallBucket.Closed;
}

/// <summary>Counts of one slice (a category, a street, a community, a unit).</summary>
public sealed record BriefingGroup(string Key, string Name, int Reported, int Closed, int Overdue, int Supervised);

/// <summary>
/// The briefing of a jurisdiction subtree over a time window (orders reported in it): totals, KPIs with their
/// denominators, breakdowns, and the overdue and supervised orders to discuss.
/// </summary>
public sealed record Briefing(
    JurisdictionCode Scope,
    string ScopeName,
    DateTimeOffset From,
    DateTimeOffset To,
    int Reported,
    int Closed,
    int Open,
    int Overdue,
    int Urgent,
    int Reworked,
    int SupervisedYellow,
    int SupervisedRed,
    WorkOrderKpis Kpis,
    IReadOnlyList<BriefingGroup> ByCategory,
    IReadOnlyList<BriefingGroup> ByStreet,
    IReadOnlyList<BriefingGroup> ByCommunity,
    IReadOnlyList<BriefingGroup> ByUnit,
    IReadOnlyList<BriefingOrder> OverdueOrders,
    IReadOnlyList<BriefingOrder> SupervisedOrders);
