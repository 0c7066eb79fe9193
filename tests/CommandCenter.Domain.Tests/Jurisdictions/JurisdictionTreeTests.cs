using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Tests.Jurisdictions;

public class JurisdictionTreeTests
{
    [Fact]
    public void Add_refuses_a_node_whose_parent_is_unknown()
    {
        var tree = TestData.Tree();
        var ex = Assert.Throws<InvalidOperationException>(() => tree.Add(JurisdictionCode.From("320505009001"), "无主社区"));
        Assert.Contains("no known parent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NameAt_finds_street_and_community_names_of_a_grid()
    {
        var tree = TestData.Tree();
        Assert.Equal("狮山街道", tree.NameAt(TestData.GridA1, JurisdictionLevel.Street));
        Assert.Equal("金色社区", tree.NameAt(TestData.GridA1, JurisdictionLevel.Community));
        Assert.Equal(2, tree.ChildrenOf(TestData.District).Count);
        Assert.Equal("金色社区", tree.ParentOf(TestData.GridA1)!.Name);
    }

    [Fact]
    public void Adding_the_same_code_twice_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => TestData.Tree().Add(TestData.StreetA, "again"));
}
