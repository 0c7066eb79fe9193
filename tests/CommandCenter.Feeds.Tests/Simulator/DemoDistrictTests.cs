using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Simulator;

namespace CommandCenter.Feeds.Tests.Simulator;

public class DemoDistrictTests
{
    [Fact]
    public void District_has_six_streets_of_twenty_communities_with_seven_grids_each()
    {
        var district = DemoDistrict.Build();
        var tree = district.Tree;

        Assert.Equal(6, tree.ChildrenOf(tree.Root.Code).Count);
        Assert.Equal(120, district.Communities.Count);
        Assert.Equal(840, tree.All.Count(j => j.Level == JurisdictionLevel.Grid));
        Assert.All(district.Communities, c => Assert.Equal(JurisdictionLevel.Community, c.Code.Level));
        Assert.Contains(district.Communities, c => c.Code.IsVillage && c.Name.EndsWith('村'));
        Assert.Equal(district.Communities.Count, district.Communities.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Same_seed_builds_the_same_district() =>
        Assert.Equal(DemoDistrict.Build(7).Communities, DemoDistrict.Build(7).Communities, (a, b) =>
            a.Code == b.Code && a.Name == b.Name && a.Centre == b.Centre);
}
