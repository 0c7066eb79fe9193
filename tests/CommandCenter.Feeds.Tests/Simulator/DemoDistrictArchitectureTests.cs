namespace CommandCenter.Feeds.Tests.Simulator;

/// <summary>
/// The demo district is data for the embedded default, not a dependency: outside the simulator no product code names its
/// generator, so a real city's reference data is all a center needs.
/// </summary>
public sealed class DemoDistrictArchitectureTests
{
    private static readonly string[] DemoTypes = ["DemoDistrict", "DemoCatalogues", "DemoNames", "DemoGeometry", "DemoCommunity"];

    [Fact]
    public void Only_the_simulator_references_the_demo_district()
    {
        var root = RepositoryRoot();
        var simulator = Path.Combine(root, "CommandCenter.Feeds", "Simulator") + Path.DirectorySeparatorChar;
        var offenders = new[] { "CommandCenter.Domain", "CommandCenter.Feeds", "CommandCenter.Web" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, p), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.StartsWith(simulator, StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && DemoTypes.Any(t => text.Contains(t, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        Assert.Empty(offenders);
        Assert.True(Directory.Exists(simulator), "the simulator folder moved; update this test");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run the tests from within the repository");
    }
}
