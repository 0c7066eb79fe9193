using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Briefings;

public static class BriefingBuilder
{
    /// <summary>Builds the briefing from the orders reported in the window (the store fetches them; this counts).</summary>
    public static Briefing Build(JurisdictionCode scope, DateTimeOffset from, DateTimeOffset to,
        IReadOnlyList<BriefingOrder> orders, JurisdictionTree tree, CategoryCatalog categories, int listLimit = 200)
    {
        var valid = orders.Where(o => o.Facts.State != WorkOrderState.Voided).ToList();
        return new Briefing(
            scope,
            tree.Find(scope)?.Name ?? scope.Value,
            from,
            to,
            valid.Count,
            valid.Count(o => o.Closed),
            valid.Count(o => o.Facts.State.IsOpen()),
            valid.Count(o => o.Overdue),
            valid.Count(o => o.Urgency == Urgency.Urgent),
            valid.Count(o => o.Facts.ReworkCount > 0),
            valid.Count(o => o.Supervision == Supervision.Yellow),
            valid.Count(o => o.Supervision == Supervision.Red),
            WorkOrderKpis.ForLevel(valid.Select(o => o.Facts), scope.Level),
            Group(valid, o => o.Category.Value, categories.NameOf),
            Group(valid, o => o.Scope.AncestorAt(JurisdictionLevel.Street)?.Value ?? "", code => Name(tree, code)),
            Group(valid, o => o.Scope.AncestorAt(JurisdictionLevel.Community)?.Value ?? "", code => Name(tree, code)),
            Group(valid.Where(o => o.UnitId is not null), o => o.UnitId!, unit => unit),
            [.. valid.Where(o => o.Overdue).OrderBy(o => o.Deadline ?? o.ReportedAt).Take(listLimit)],
            [.. valid.Where(o => o.Supervision != Supervision.Normal)
                .OrderByDescending(o => o.Supervision).ThenBy(o => o.ReportedAt).Take(listLimit)]);
    }

    private static List<BriefingGroup> Group(IEnumerable<BriefingOrder> orders, Func<BriefingOrder, string> key,
        Func<string, string> name) =>
    [
        .. orders.GroupBy(key).Where(g => g.Key.Length > 0)
            .Select(g => new BriefingGroup(g.Key, name(g.Key), g.Count(), g.Count(o => o.Closed), g.Count(o => o.Overdue),
                g.Count(o => o.Supervision != Supervision.Normal)))
            .OrderByDescending(g => g.Reported).ThenBy(g => g.Key, StringComparer.Ordinal),
    ];

    private static string Name(JurisdictionTree tree, string code) =>
        JurisdictionCode.TryFrom(code, out var c, out _) ? tree.Find(c)?.Name ?? code : code;

    private static string NameOf(this CategoryCatalog catalog, string code) =>
        CategoryCode.TryFrom(code, out var c, out _) ? catalog.NameOf(c) : code;
}
