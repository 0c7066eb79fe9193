using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Reference;

/// <summary>What an import changes in one file: rows added and removed (a changed row is one of each), with a few of each.</summary>
public sealed record ReferenceFileChange(string File, int Added, int Removed, IReadOnlyList<string> AddedRows, IReadOnlyList<string> RemovedRows);

/// <summary>Compares two sets of reference files row by row, and finds what open orders still use that an import removes.</summary>
public static class ReferenceDiff
{
    private const int Shown = 5;

    /// <summary>The changes, file by file (files added or dropped whole included); unchanged files are left out.</summary>
    public static IReadOnlyList<ReferenceFileChange> Compare(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<ReferenceFileChange>();
        foreach (var file in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = Rows(file, before.GetValueOrDefault(file));
            var now = Rows(file, after.GetValueOrDefault(file));
            var added = now.Where(r => !old.Contains(r)).ToList();
            var removed = old.Where(r => !now.Contains(r)).ToList();
            if (added.Count > 0 || removed.Count > 0)
            {
                changes.Add(new ReferenceFileChange(file, added.Count, removed.Count,
                    [.. added.Take(Shown).Select(Display)], [.. removed.Take(Shown).Select(Display)]));
            }
        }

        return changes;
    }

    /// <summary>
    /// The open orders an import would strand, each with why: its place is a jurisdiction the new tree drops, or its unit
    /// is one the new units drop. An import with any is refused.
    /// </summary>
    public static IReadOnlyList<string> StrandedOrders(ReferenceData before, ReferenceData after, IEnumerable<WorkOrder> openOrders)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(openOrders);
        var stranded = new List<string>();
        foreach (var order in openOrders.OrderBy(o => o.Id.Value, StringComparer.Ordinal))
        {
            var scope = order.Report.Scope;
            if (before.Tree.Find(scope) is not null && after.Tree.Find(scope) is null)
            {
                stranded.Add($"{order.Id}: its place {scope} ({before.Tree.Find(scope)!.Name}) is removed");
            }

            if (order.UnitId is { } unit && before.FindUnit(unit) is not null && after.FindUnit(unit) is null)
            {
                stranded.Add($"{order.Id}: its unit {unit} ({before.FindUnit(unit)!.Name}) is removed");
            }
        }

        return stranded;
    }

    /// <summary>A file's rows as a set: CSV lines past the header, or GeoJSON features one per line as the writer puts them.</summary>
    private static HashSet<string> Rows(string file, string? text)
    {
        if (text is null)
        {
            return [];
        }

        var lines = file.EndsWith(".geojson", StringComparison.Ordinal) ? Features(text) : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Skip(1);
        return lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>GeoJSON features, split at their boundaries (<c>{"type":"Feature"</c>), enough to count what changed.</summary>
    private static IEnumerable<string> Features(string text)
    {
        const string Marker = "{\"type\":\"Feature\"";
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        while (at >= 0)
        {
            var next = text.IndexOf(Marker, at + Marker.Length, StringComparison.Ordinal);
            var feature = next < 0 ? text[at..] : text[at..next];
            yield return feature.TrimEnd(',', ']', '}', ' ', '\n');
            at = next;
        }
    }

    /// <summary>A row as shown: a CSV line as it is, a GeoJSON feature by its code.</summary>
    private static string Display(string row)
    {
        if (!row.StartsWith("{\"type\":\"Feature\"", StringComparison.Ordinal))
        {
            return row;
        }

        var i = row.IndexOf("\"code\":\"", StringComparison.Ordinal);
        return i < 0 ? "outline without a code" : $"outline of {row[(i + 8)..row.IndexOf('"', i + 8)]}";
    }

    /// <summary>Codes in <paramref name="before"/>'s tree that <paramref name="after"/>'s lacks.</summary>
    public static IReadOnlyList<JurisdictionCode> RemovedCodes(ReferenceData before, ReferenceData after) =>
        [.. before.Tree.All.Select(j => j.Code).Where(c => after.Tree.Find(c) is null).Order()];
}
