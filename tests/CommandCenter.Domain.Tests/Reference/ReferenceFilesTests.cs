using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Reference;
using CommandCenter.Domain.Sla;

namespace CommandCenter.Domain.Tests.Reference;

/// <summary>
/// A center's reference files, rule by rule: the shipped demo set reads and writes back as it is; one bad row in any file
/// refuses the whole set, naming the file, the line and the rule.
/// </summary>
public sealed class ReferenceFilesTests
{
    private static readonly Dictionary<string, string> Shipped = ReadFolder();

    [Fact]
    public void The_shipped_set_reads_and_writes_back_as_it_is()
    {
        var (data, problems) = ReferenceFiles.Read(Shipped);

        Assert.Empty(problems);
        foreach (var (name, text) in ReferenceFiles.Write(data!))
        {
            Assert.Equal(Shipped[name], text);
        }

        Assert.Equal(TimeSpan.FromHours(7.5) * 15, data!.Sla.LimitFor(SlaStage.Handling, CategoryCode.From("06028"), Domain.WorkOrders.WorkOrderKind.Complaint, Domain.WorkOrders.Urgency.Normal));
        Assert.False(data.Sla.Calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.True(data.Sla.Calendar.IsWorkingDay(new DateOnly(2026, 10, 10))); // a Saturday worked (调休)
        Assert.Equal("U-001-city", data.FindUnit("U-001-city")!.Id);
    }

    [Theory]
    [InlineData("dispatch.csv", "09010,traffic,city", "09010: unknown department 'traffic' (not in departments.csv)")]
    [InlineData("dispatch.csv", "09010,city,city;nobody", "09010: unknown department 'nobody'")]
    [InlineData("dispatch.csv", "06999,city,", "'06999' is not a category or class in categories.csv")]
    [InlineData("dispatch.csv", "06,city,", "06: duplicate row (already on line")]
    [InlineData("sla.csv", "handling,09010,,,0h", "limit '0h' must be more than zero")]
    [InlineData("sla.csv", "handling,09010,,,-2h", "limit '-2h' must be more than zero")]
    [InlineData("sla.csv", "handling,09010,,,2 weeks", "limit '2 weeks' must be a number with m (minutes), h (hours) or d (working days)")]
    [InlineData("sla.csv", "closing,,,,2h", "stage 'closing' must be one of dispatch, sign-off, handling, verification")]
    [InlineData("sla.csv", "handling,06999,,,2h", "category 06999 is not in categories.csv")]
    [InlineData("sla.csv", "dispatch,,,urgent,5m", "the same stage, category, kind and urgency as line 3")]
    [InlineData("calendar-2026.csv", "2026-10-01,holiday,国庆节", "2026-10-01: the day is listed twice (already on line")]
    [InlineData("calendar-2026.csv", "2027-01-01,holiday,元旦", "2027-01-01 is not in 2026, the file's year")]
    [InlineData("calendar-2026.csv", "2026-12-31,off,跨年", "2026-12-31: kind 'off' must be holiday or workday")]
    [InlineData("units.csv", "U-x,某所,traffic,320505,,", "U-x: unknown department 'traffic' (not in departments.csv)")]
    [InlineData("units.csv", "U-x,某所,city,320599,,", "U-x: serves 320599, which is not in jurisdictions.csv")]
    [InlineData("units.csv", "U-x,某所,city,320505,91,120", "U-x: latitude and longitude must both be given")]
    [InlineData("units.csv", "U-001-city,某所,city,320505,,", "U-001-city: duplicate unit (already on line")]
    [InlineData("departments.csv", "city,又一个城管", "city: duplicate department (already on line 3)")]
    [InlineData("departments.csv", "Water Works,水务", "department id 'Water Works' must be 1–40 lower-case letters")]
    [InlineData("categories.csv", "06010,又一个", "06010: duplicate code (already on line")]
    [InlineData("categories.csv", "11001,超出", "class must be 01–10")]
    [InlineData("statistics.csv", "320599,人口,1000", "320599 is not in jurisdictions.csv")]
    [InlineData("statistics.csv", "320505,人口,很多", "320505 人口: value '很多' must be a number of zero or more")]
    [InlineData("statistics.csv", "320505,人口,1", "320505 人口: listed twice (already on line 2)")]
    [InlineData("grid-members.csv", "GM-001001001,又一个,13900000000,320505001001001,组", "GM-001001001: duplicate member (already on line 2)")]
    [InlineData("grid-members.csv", "GM-x,某人,13900000000,320505001001,组", "GM-x: 320505001001 is not a grid (15 digits)")]
    [InlineData("grid-members.csv", "GM-x,某人,13900000000,320505001001099,组", "GM-x: grid 320505001001099 is not in jurisdictions.csv")]
    [InlineData("grid-members.csv", "GM-x,某人,call me,320505001001001,组", "GM-x: phone 'call me' must be 5–20 digits")]
    public void One_bad_row_refuses_the_set_naming_file_line_and_rule(string file, string row, string rule)
    {
        var files = new Dictionary<string, string>(Shipped) { [file] = Shipped[file].TrimEnd('\n') + "\n" + row + "\n" };
        var line = $"line {Shipped[file].TrimEnd('\n').Split('\n').Length + 1}"; // the row appended

        var (data, problems) = ReferenceFiles.Read(files);

        Assert.Null(data);
        var problem = Assert.Single(problems);
        Assert.Equal((file, line), (problem.File, problem.Where));
        Assert.Contains(rule, problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_set_is_named_at_once()
    {
        var files = new Dictionary<string, string>(Shipped)
        {
            ["sla.csv"] = Shipped["sla.csv"] + "handling,09010,,,0m\n",
            ["calendar-2026.csv"] = Shipped["calendar-2026.csv"] + "2026-10-01,holiday,国庆节\n",
            ["dispatch.csv"] = Shipped["dispatch.csv"] + "09010,traffic,\n",
        };

        var problems = ReferenceFiles.Read(files).Problems;

        Assert.Equal(["calendar-2026.csv", "dispatch.csv", "sla.csv"], problems.Select(p => p.File).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("dispatch.csv", "*", "end of file", "the catalogue needs a fallback row '*'")]
    [InlineData("sla.csv", "verification,,,,30m", "end of file", "stage verification needs a catch-all row")]
    public void A_set_without_its_catch_all_rows_is_refused(string file, string line, string where, string rule)
    {
        var text = string.Join('\n', Shipped[file].Split('\n').Where(l => !l.StartsWith(line, StringComparison.Ordinal)));

        var problem = Assert.Single(ReferenceFiles.Read(new Dictionary<string, string>(Shipped) { [file] = text }).Problems);

        Assert.Equal((file, where), (problem.File, problem.Where));
        Assert.Contains(rule, problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_whose_class_is_not_listed_is_refused()
    {
        var text = string.Join('\n', Shipped["categories.csv"].Split('\n').Where(l => l != "02,道路交通"));

        var problems = ReferenceFiles.Read(new Dictionary<string, string>(Shipped) { ["categories.csv"] = text }).Problems.Select(p => p.ToString());

        // The dispatch catalogue's row for the class goes with it.
        Assert.Equal(["categories.csv:line 26: 02014: its class 02 is not listed",
            "dispatch.csv:line 7: '02' is not a category or class in categories.csv (or '*' for the fallback)"], problems);
    }

    [Fact]
    public void Missing_and_unknown_files_are_named()
    {
        var files = new Dictionary<string, string>(Shipped) { ["notes.txt"] = "hello" };
        files.Remove("units.csv");

        var problems = ReferenceFiles.Read(files).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains("units.csv:file: the file is missing", problems);
        Assert.Contains("notes.txt:file: not a reference file (see the reference folder's README for the names)", problems);
    }

    [Fact]
    public void A_wrong_header_is_named_on_line_one()
    {
        var files = new Dictionary<string, string>(Shipped) { ["sla.csv"] = "stage,limit\nhandling,2h\n" };

        var problem = Assert.Single(ReferenceFiles.Read(files).Problems);

        Assert.Equal("sla.csv:line 1: the first line must be the header 'stage,category,kind,urgency,limit'", problem.ToString());
    }

    private static Dictionary<string, string> ReadFolder() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "wall-layouts", "reference"), "*.csv")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
}
