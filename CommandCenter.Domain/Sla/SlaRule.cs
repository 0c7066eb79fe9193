using CommandCenter.Domain.Categories;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Sla;

/// <summary>
/// One configurable limit: for a stage, optionally narrowed to a category, a work-order kind and an urgency.
/// The most specific matching rule wins; among equals the later one.
/// </summary>
public sealed record SlaRule(
    SlaStage Stage,
    TimeSpan Limit,
    CategoryCode? Category = null,
    WorkOrderKind? Kind = null,
    Urgency? Urgency = null)
{
    public bool Matches(SlaStage stage, CategoryCode category, WorkOrderKind kind, Urgency urgency) =>
        Stage == stage &&
        (Category is null || Category == category) &&
        (Kind is null || Kind == kind) &&
        (Urgency is null || Urgency == urgency);

    public int Specificity => (Category is null ? 0 : 4) + (Kind is null ? 0 : 2) + (Urgency is null ? 0 : 1);
}
