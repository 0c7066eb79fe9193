using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Walls;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tests.Walls;

/// <summary>A site's tile server is checked at start: an unusable template or coordinate system is named, and only its origin is allowed.</summary>
public sealed class MapTileOptionsTests
{
    [Theory]
    [InlineData(null, "wgs84", null)]
    [InlineData("https://tiles.example.gov.cn/{z}/{x}/{y}.png", "gcj02", null)]
    [InlineData("tiles/{z}/{x}/{y}.png", "wgs84", "Wall:MapTileUrl 'tiles/{z}/{x}/{y}.png' must be an absolute http(s) URL")]
    [InlineData("ftp://tiles.example.gov.cn/{z}/{x}/{y}.png", "wgs84", "Wall:MapTileUrl 'ftp://tiles.example.gov.cn/{z}/{x}/{y}.png' must be an absolute http(s) URL")]
    [InlineData("https://tiles.example.gov.cn/{z}/{x}.png", "wgs84", "Wall:MapTileUrl 'https://tiles.example.gov.cn/{z}/{x}.png' must hold {z}, {x} and {y}")]
    [InlineData("https://tiles.example.gov.cn/{s}/{z}/{x}/{y}.png", "wgs84", "Wall:MapTileUrl 'https://tiles.example.gov.cn/{s}/{z}/{x}/{y}.png' may hold {s} only as the first part of its host ({s}.tiles.example.gov.cn)")]
    [InlineData("https://tiles.example.gov.cn/{z}/{x}/{y}.png", "bd09", "Wall:MapTileCoordinates must be wgs84 or gcj02 (is 'bd09')")]
    public void A_tile_setting_the_map_cannot_use_is_named(string? url, string coordinates, string? problem) =>
        Assert.Equal(problem, new WallOptions { MapTileUrl = url, MapTileCoordinates = coordinates }.MapTileProblem());

    [Fact]
    public void Only_the_tile_servers_origin_is_allowed()
    {
        var options = new WallOptions { MapTileUrl = "https://{s}.tiles.example.gov.cn:8443/base/{z}/{x}/{y}.png?key=secret" };

        Assert.Equal("https://*.tiles.example.gov.cn:8443", options.MapTileOrigin); // the map asks subdomains a, b and c
        Assert.Equal("http://127.0.0.1:9000", new WallOptions { MapTileUrl = "http://127.0.0.1:9000/{z}/{x}/{y}.png" }.MapTileOrigin);
        Assert.Null(new WallOptions().MapTileOrigin);
    }

    [Fact]
    public async Task A_start_with_an_unusable_tile_server_stops_naming_the_setting()
    {
        await using var app = ProductionApp.Create(("Wall:MapTileUrl", "tiles/{z}/{x}/{y}.png"));

        var refused = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Wall:MapTileUrl 'tiles/{z}/{x}/{y}.png' must be an absolute http(s) URL", refused.Message, StringComparison.Ordinal);
    }
}
