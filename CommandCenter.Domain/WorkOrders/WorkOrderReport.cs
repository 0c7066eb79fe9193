using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.WorkOrders;

/// <summary>
/// What a new work order is reported with (上报内容): the title shown on walls, and the full description and media
/// links as the source sent them.
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
    IReadOnlyList<string>? Media = null);
