using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.WorkOrders;

/// <summary>
/// What a new work order is reported with (上报内容): the title shown on walls, the full description and media links as
/// the source sent them, and the SLA limits it was accepted under (<see cref="Sla"/>; absent on reports stored before
/// limits were fixed, which then follow the current rules), and a social-governance matter's own fields (<see cref="Matter"/>).
/// </summary>
public sealed record WorkOrderReport(
    WorkOrderId Id,
    WorkOrderKind Kind,
    WorkOrderSource Source,
    CategoryCode Category,
    Urgency Urgency,
    string Title,
    JurisdictionCode Scope,
    GeoPoint? Location = null,
    string? Address = null,
    string? ReporterContact = null,
    string? Description = null,
    IReadOnlyList<string>? Media = null,
    Sla.SlaLimits? Sla = null,
    MatterDetails? Matter = null);
