using CommandCenter.Domain.Sla;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// Reads a center's reference files (file name → text) into <see cref="ReferenceData"/>, or gives every problem found:
/// a set with any bad row is refused whole. Required: <c>jurisdictions.csv</c>, <c>departments.csv</c>, <c>units.csv</c>,
/// <c>categories.csv</c>, <c>dispatch.csv</c>, <c>sla.csv</c>; optional: <c>calendar-{year}.csv</c> (any number),
/// <c>statistics.csv</c>, <c>grid-members.csv</c>, and <c>outlines.geojson</c> (read by the geography side, which this reader leaves alone).
/// </summary>
public static class ReferenceFiles
{
    public const string OutlinesName = "outlines.geojson";

    private static readonly string[] Required =
        [JurisdictionFile.Name, DepartmentFile.Name, UnitFile.Name, CategoryFile.Name, DispatchFile.Name, SlaFile.Name];

    /// <summary>True for a name this reader or the geography side knows.</summary>
    public static bool IsKnown(string file) =>
        Required.Contains(file) || file is StatisticsFile.Name or OutlinesName or GridMemberFile.Name || CalendarFile.IsCalendar(file, out _);

    public static (ReferenceData? Data, IReadOnlyList<ReferenceProblem> Problems) Read(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<ReferenceProblem>();
        foreach (var missing in Required.Where(r => !files.ContainsKey(r)))
        {
            problems.Add(new(missing, "file", "the file is missing"));
        }

        foreach (var unknown in files.Keys.Where(f => !IsKnown(f)).Order(StringComparer.Ordinal))
        {
            problems.Add(new(unknown, "file", "not a reference file (see the reference folder's README for the names)"));
        }

        string Text(string name) => files.GetValueOrDefault(name) ?? "";
        var (tree, treeProblems) = files.ContainsKey(JurisdictionFile.Name) ? JurisdictionFile.Read(JurisdictionFile.Name, Text(JurisdictionFile.Name)) : (null, []);
        problems.AddRange(treeProblems);
        var departments = files.ContainsKey(DepartmentFile.Name) ? DepartmentFile.Read(Text(DepartmentFile.Name), problems) : [];
        var units = files.ContainsKey(UnitFile.Name) ? UnitFile.Read(Text(UnitFile.Name), tree, departments, problems) : [];
        var categories = files.ContainsKey(CategoryFile.Name) ? CategoryFile.Read(Text(CategoryFile.Name), problems) : new([]);
        var dispatch = files.ContainsKey(DispatchFile.Name) ? DispatchFile.Read(Text(DispatchFile.Name), categories, departments, problems) : null;
        var days = new List<CalendarDay>();
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (CalendarFile.IsCalendar(name, out var year))
            {
                CalendarFile.Read(name, year, text, days, problems);
            }
        }

        var calendar = CalendarFile.Calendar(days);
        var rules = files.ContainsKey(SlaFile.Name) ? SlaFile.Read(Text(SlaFile.Name), categories, calendar.WorkingDayLength, problems) : [];
        var statistics = files.ContainsKey(StatisticsFile.Name) ? StatisticsFile.Read(Text(StatisticsFile.Name), tree, problems) : BaseStatistics.None;
        var members = files.ContainsKey(GridMemberFile.Name) ? GridMemberFile.Read(Text(GridMemberFile.Name), tree, problems) : [];
        if (problems.Count > 0 || tree is null || dispatch is null)
        {
            return (null, problems);
        }

        return (new ReferenceData(tree, departments, units, categories, dispatch, new SlaPolicy(rules, calendar), days, statistics, members), problems);
    }

    /// <summary>The data as the files it reads back from (outlines aside).</summary>
    public static IReadOnlyDictionary<string, string> Write(ReferenceData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [JurisdictionFile.Name] = JurisdictionFile.Write(data.Tree),
            [DepartmentFile.Name] = DepartmentFile.Write(data.Departments),
            [UnitFile.Name] = UnitFile.Write(data.Units),
            [CategoryFile.Name] = CategoryFile.Write(data.Categories),
            [DispatchFile.Name] = DispatchFile.Write(data.Dispatch),
            [SlaFile.Name] = SlaFile.Write(data.Sla.Rules, data.Sla.Calendar.WorkingDayLength),
            [StatisticsFile.Name] = StatisticsFile.Write(data.Statistics),
        };
        if (data.GridMembers.Count > 0)
        {
            files[GridMemberFile.Name] = GridMemberFile.Write(data.GridMembers);
        }

        foreach (var year in data.CalendarDays.GroupBy(d => d.Date.Year))
        {
            files[CalendarFile.FileName(year.Key)] = CalendarFile.Write(year);
        }

        return files;
    }
}
