using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Reference;
using CommandCenter.Feeds.Simulator;

namespace CommandCenter.Feeds.Tests.Simulator;

/// <summary>
/// The demo district as data: the shipped files are what the generator writes, they validate, and their synthetic
/// geometry is plausible (streets, communities and grids partition the level above, at sizes like a real district's).
/// </summary>
public sealed class DemoReferenceTests
{
    private static readonly DemoDistrict Demo = TestReference.District;

    /// <summary>The shipped folder, as copied beside the test binaries from <c>wall-layouts/reference</c>.</summary>
    public static string ShippedFolder { get; } = Path.Combine(AppContext.BaseDirectory, "wall-layouts", "reference");

    [Fact]
    public void The_shipped_files_are_the_generators_output()
    {
        var generated = Demo.Files();
        var shipped = Directory.EnumerateFiles(ShippedFolder).Where(f => !f.EndsWith("README.md", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

        Assert.Equal(generated.Keys.Order(StringComparer.Ordinal), shipped.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in generated)
        {
            // Regenerate with: dotnet run --project CommandCenter.Feeds -- --write-demo-reference wall-layouts/reference
            Assert.True(text == shipped[name], $"{name} differs from the generator's output");
        }
    }

    [Fact]
    public void The_shipped_files_validate_and_read_back_whole()
    {
        var (edition, problems) = ReferenceEdition.ReadFolder(ShippedFolder);

        Assert.Empty(problems);
        var data = edition!.Data;
        Assert.Equal(Demo.Tree.Count, data.Tree.Count);
        Assert.Equal(840, data.Tree.All.Count(j => j.Code.Level == JurisdictionLevel.Grid));
        Assert.Equal(840, edition.Locator.Count);
        Assert.Equal(Demo.Units.Count, data.Units.Count);
        Assert.Equal("市场监管", data.DepartmentName(data.Dispatch.RuleFor(Domain.Categories.CategoryCode.From("01076")).Lead));
        Assert.Equal(840m, data.Statistics.Of(data.Tree.Root.Code)["网格"]);
        Assert.Contains(data.CalendarDays, d => d.Date == new DateOnly(2026, 10, 1) && d.Holiday);
        Assert.Equal("狮山横塘街道", data.Tree.Find(JurisdictionCode.From("320505001"))!.Name);
    }

    [Fact]
    public void Each_level_partitions_the_one_above_without_gaps_or_overlaps()
    {
        var outlines = Demo.Edition.Outlines;
        foreach (var parent in Demo.Tree.All.Where(j => j.Code.Level < JurisdictionLevel.Grid))
        {
            var children = Demo.Tree.ChildrenOf(parent.Code);
            var area = outlines[parent.Code].Area;
            var sum = children.Sum(c => outlines[c.Code].Area);
            var union = NetTopologySuite.Operation.Union.CascadedPolygonUnion.Union([.. children.Select(c => outlines[c.Code])]);

            Assert.True(Math.Abs(sum - area) < area * 1e-4, $"{parent.Code}: children's areas add up to {sum}, not {area}");
            Assert.True(union.SymmetricDifference(outlines[parent.Code]).Area < area * 1e-3, $"{parent.Code}: children leave a gap");
        }
    }

    [Fact]
    public void Areas_are_those_of_a_real_district()
    {
        const double SquareKm = 111.32 * 111.32 * 0.855; // a square degree at 31° N, in km²
        var outlines = Demo.Edition.Outlines;
        var district = outlines[Demo.Tree.Root.Code].Area * SquareKm;
        var grids = outlines.Where(o => o.Key.Level == JurisdictionLevel.Grid).Select(o => o.Value.Area * SquareKm).ToList();

        Assert.InRange(district, 150, 600); // 虎丘区 is about 330 km²
        Assert.InRange(grids.Average(), 0.1, 1.0); // an urban grid is some hundreds of households
        Assert.True(grids.Min() > 0.001, $"a grid of {grids.Min()} km² is a sliver");
    }

    [Fact]
    public void Every_community_centre_lies_in_its_community()
    {
        foreach (var community in Demo.Communities)
        {
            var grid = Demo.Edition.Locator.Locate(community.Centre.Latitude, community.Centre.Longitude);

            Assert.NotNull(grid);
            Assert.True(community.Code.Contains(grid!.Value), $"{community.Name}'s centre lies in {grid}");
        }
    }
}
