using CommandCenter.Domain.Reference;
using CommandCenter.Feeds.Simulator;

namespace CommandCenter.Feeds.Tests.Simulator;

/// <summary>The demo district's tree, written as a reference file, is valid and reads back whole.</summary>
public sealed class DemoReferenceTests
{
    [Fact]
    public void The_demo_districts_jurisdictions_file_is_valid()
    {
        var demo = DemoDistrict.Build();

        var (tree, problems) = JurisdictionFile.Read("jurisdictions.csv", JurisdictionFile.Write(demo.Tree));

        Assert.Empty(problems);
        Assert.Equal(demo.Tree.Count, tree!.Count);
        Assert.Equal(840, tree.All.Count(j => j.Code.Level == Domain.Jurisdictions.JurisdictionLevel.Grid));
    }
}
