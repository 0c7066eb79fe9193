using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Tests.Jurisdictions;

public class JurisdictionCodeTests
{
    [Theory]
    [InlineData("320000", JurisdictionLevel.Province)]
    [InlineData("320500", JurisdictionLevel.City)]
    [InlineData("320505", JurisdictionLevel.District)]
    [InlineData("320505001", JurisdictionLevel.Street)]
    [InlineData("320505001000", JurisdictionLevel.Street)]
    [InlineData("320505001001", JurisdictionLevel.Community)]
    [InlineData("320505001001007", JurisdictionLevel.Grid)]
    public void From_reads_the_level_from_the_code(string code, JurisdictionLevel level) =>
        Assert.Equal(level, JurisdictionCode.From(code).Level);

    [Fact]
    public void Twelve_digit_street_code_with_trailing_zeros_is_the_nine_digit_street() =>
        Assert.Equal(JurisdictionCode.From("320505001"), JurisdictionCode.From("320505001000"));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("32050", "5 digits")]
    [InlineData("32050a", "digits only")]
    [InlineData("320505000", "street/town segment 000")]
    [InlineData("320505001000001", "community/village segment 000")]
    [InlineData("320505001500", "community/village segment 500")]
    [InlineData("000505", "no province")]
    public void From_refuses_malformed_codes_naming_the_problem(string code, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => JurisdictionCode.From(code));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Town_and_village_are_told_apart_by_their_segments()
    {
        Assert.False(JurisdictionCode.From("320505001").IsTown);
        Assert.True(JurisdictionCode.From("320505100").IsTown);
        Assert.False(JurisdictionCode.From("320505100001").IsVillage);
        Assert.True(JurisdictionCode.From("320505100201").IsVillage);
    }

    [Theory]
    [InlineData("320500", "320505001001007", true)]
    [InlineData("320505", "320505001001007", true)]
    [InlineData("320505001", "320505001001", true)]
    [InlineData("320505001", "320505001", true)]
    [InlineData("320505001", "320505002001", false)]
    [InlineData("320505001001", "320505001", false)]
    [InlineData("320500", "320605", false)]
    [InlineData("320505", "320506001", false)]
    public void Contains_is_subtree_membership(string scope, string other, bool expected) =>
        Assert.Equal(expected, JurisdictionCode.From(scope).Contains(JurisdictionCode.From(other)));

    [Fact]
    public void AncestorAt_walks_up_the_tree()
    {
        var grid = JurisdictionCode.From("320505001001007");
        Assert.Equal("320505001001", grid.AncestorAt(JurisdictionLevel.Community)!.Value.Value);
        Assert.Equal("320505001", grid.AncestorAt(JurisdictionLevel.Street)!.Value.Value);
        Assert.Equal("320505", grid.AncestorAt(JurisdictionLevel.District)!.Value.Value);
        Assert.Equal("320500", grid.AncestorAt(JurisdictionLevel.City)!.Value.Value);
        Assert.Null(JurisdictionCode.From("320505").AncestorAt(JurisdictionLevel.Street));
    }
}
