using CommandCenter.Domain.Reference;
using CommandCenter.Feeds.Geography;

namespace CommandCenter.Feeds.Tests.Geography;

/// <summary>The grid rules of the outlines file: each grid within its community, no two grids overlapping.</summary>
public class OutlineFileTests
{
    private const string Community = "320505001001";

    private static string Square(string code, double west, double south, double east, double north) => $$"""
        { "type": "Feature", "properties": { "code": "{{code}}", "name": "{{code}}" },
          "geometry": { "type": "Polygon", "coordinates": [[[{{west}}, {{south}}], [{{east}}, {{south}}], [{{east}}, {{north}}], [{{west}}, {{north}}], [{{west}}, {{south}}]]] } }
        """;

    private static List<ReferenceProblem> Read(params string[] features)
    {
        var problems = new List<ReferenceProblem>();
        OutlineFile.Read($$"""{ "type": "FeatureCollection", "features": [{{string.Join(",", features)}}] }""", null, problems);
        return problems;
    }

    [Fact]
    public void Grids_sharing_borders_pass_and_a_grid_over_both_is_named_for_each()
    {
        var problems = Read(
            Square(Community, 120.0, 31.0, 120.2, 31.1),
            Square($"{Community}001", 120.0, 31.0, 120.1, 31.1),
            Square($"{Community}002", 120.1, 31.0, 120.2, 31.1),
            Square($"{Community}003", 120.05, 31.05, 120.15, 31.1000001)); // overlaps 001 and 002 by half of itself each

        Assert.Equal(
            [$"{Community}003: overlaps grid {Community}001 ($.features[1])", $"{Community}003: overlaps grid {Community}002 ($.features[2])"],
            problems.Select(p => p.Rule));
    }

    [Fact]
    public void A_grid_reaching_outside_its_community_is_named_and_one_inside_by_a_border_is_not()
    {
        var problems = Read(
            Square(Community, 120.0, 31.0, 120.2, 31.1),
            Square($"{Community}001", 120.0, 31.0, 120.2, 31.05), // shares the community's outer border: covered
            Square($"{Community}002", 120.1, 31.05, 120.3, 31.1)); // half of it outside

        var problem = Assert.Single(problems);
        Assert.Equal($"{Community}002: the grid reaches outside its community {Community}", problem.Rule);
        Assert.Equal("$.features[2].geometry", problem.Where);
    }

    [Fact]
    public void An_overlap_within_the_slack_is_tolerated()
    {
        // Neighbours digitised with a sliver of overlap (far under a thousandth of the smaller grid) are not an error.
        var problems = Read(
            Square(Community, 120.0, 31.0, 120.2, 31.1),
            Square($"{Community}001", 120.0, 31.0, 120.1000001, 31.1),
            Square($"{Community}002", 120.1, 31.0, 120.2, 31.1));

        Assert.Empty(problems);
    }
}
