using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Situation;

/// <summary>An open work order as a wall or desk shows it: immutable, with its SLA light at snapshot time.</summary>
public sealed record WorkOrderCard(
    WorkOrderId Id,
    JurisdictionCode Scope,
    string Title,
    string CategoryName,
    WorkOrderKind Kind,
    WorkOrderSource Source,
    Urgency Urgency,
    WorkOrderState State,
    Supervision Supervision,
    SlaLight Light,
    double FractionUsed,
    DateTimeOffset? Deadline,
    DateTimeOffset ReportedAt,
    string StreetName,
    string CommunityName,
    string? UnitId,
    bool Parked,
    int DispatchCount = 0,
    CategoryCode Category = default,
    GeoPoint? Location = null,
    HandlingLevel Level = HandlingLevel.Street,
    ValueList<UnitPart>? Units = null,
    Satisfaction? Satisfaction = null,
    MatterDetails? Matter = null)
{
    /// <summary>The units of its current dispatch and their parts, the lead first (联动); empty before dispatch.</summary>
    public IReadOnlyList<UnitPart> Parts() => Units ?? (IReadOnlyList<UnitPart>)[];

    /// <summary>What decides the actions the order takes now.</summary>
    public OrderStanding Standing() => new(State, Parked, Level,
        Parts().Any(p => p.Role == UnitRole.Lead && p.ReportedAt is not null),
        Parts().Any(p => p.Role == UnitRole.Assisting && !p.IsDone), Satisfaction);
}

/// <summary>An active alarm as the ticker shows it.</summary>
public sealed record AlarmCard(
    string Id,
    string DeviceId,
    AlarmKind Kind,
    AlarmSeverity Severity,
    string Description,
    string StreetName,
    string CommunityName,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastSeenAt,
    int Count,
    bool Acknowledged,
    Geo.GeoPoint? Location = null);
