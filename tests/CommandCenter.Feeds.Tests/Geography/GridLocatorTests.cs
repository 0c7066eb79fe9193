using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Geography;
using NetTopologySuite.Geometries;

namespace CommandCenter.Feeds.Tests.Geography;

/// <summary>Point-in-polygon placement: inside, on a border (the lowest code), at a corner, outside, and bad outlines.</summary>
public sealed class GridLocatorTests
{
    // Four grids of 0.01° in a square: 001 | 002 over 003 | 004 (longitude 120.50–120.52, latitude 31.30–31.32).
    private static readonly GridLocator Four = new(
    [
        (JurisdictionCode.From("320505001001002"), Square(120.51, 31.31)),
        (JurisdictionCode.From("320505001001001"), Square(120.50, 31.31)),
        (JurisdictionCode.From("320505001001003"), Square(120.50, 31.30)),
        (JurisdictionCode.From("320505001001004"), Square(120.51, 31.30)),
    ]);

    [Theory]
    [InlineData(31.315, 120.505, "320505001001001")] // inside
    [InlineData(31.305, 120.515, "320505001001004")]
    [InlineData(31.315, 120.510, "320505001001001")] // on the border of 001 and 002
    [InlineData(31.310, 120.515, "320505001001002")] // on the border of 002 and 004
    [InlineData(31.310, 120.510, "320505001001001")] // the corner all four share
    [InlineData(31.320, 120.500, "320505001001001")] // the outer corner
    public void A_point_is_placed_in_its_grid_and_a_border_goes_to_the_lowest_code(double lat, double lon, string expected) =>
        Assert.Equal(expected, Four.Locate(lat, lon)?.Value);

    [Theory]
    [InlineData(31.325, 120.505)]
    [InlineData(31.299, 120.515)]
    [InlineData(0, 0)]
    public void A_point_outside_every_grid_is_in_none(double lat, double lon) => Assert.Null(Four.Locate(lat, lon));

    [Fact]
    public void A_self_intersecting_outline_is_refused_naming_the_grid()
    {
        var bowtie = new GeometryFactory().CreatePolygon([new(120.50, 31.30), new(120.51, 31.31), new(120.51, 31.30), new(120.50, 31.31), new(120.50, 31.30)]);

        var refused = Assert.Throws<ArgumentException>(() => new GridLocator([(JurisdictionCode.From("320505001001001"), bowtie)]));

        Assert.Contains("grid 320505001001001: the outline is not a valid polygon (Self-intersection", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outlines_are_read_from_GeoJSON_with_their_codes()
    {
        var locator = GridLocator.FromGeoJson("""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"320505002001001"},
               "geometry":{"type":"Polygon","coordinates":[[[120.60,31.40],[120.61,31.40],[120.61,31.41],[120.60,31.41],[120.60,31.40]]]}}]}
            """);

        Assert.Equal(1, locator.Count);
        Assert.Equal("320505002001001", locator.Locate(31.405, 120.605)?.Value);
        var bad = Assert.Throws<ArgumentException>(() => GridLocator.FromGeoJson("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"12"},
              "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}
            """));
        Assert.StartsWith("$.features[0].properties.code: jurisdiction code '12'", bad.Message, StringComparison.Ordinal);
    }

    private static Polygon Square(double lon, double lat) => new GeometryFactory().CreatePolygon(
        [new(lon, lat), new(lon + 0.01, lat), new(lon + 0.01, lat + 0.01), new(lon, lat + 0.01), new(lon, lat)]);
}
