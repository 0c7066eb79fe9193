using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// A site's tile server in GCJ-02: the map loads its tiles (the one origin the page's policy allows besides its own), draws a
/// known order where GCJ-02 puts it, and the browser asks nothing of any host but these two local ones.
/// </summary>
public sealed class MapTilesInBrowserTests(TiledWallServer server, Chromium chromium) : IClassFixture<TiledWallServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task The_map_loads_the_sites_tiles_and_shifts_a_known_order_by_the_GCJ02_offset_with_no_request_leaving_localhost()
    {
        var requests = new ConcurrentBag<string>();
        await server.ReportAsync("TILE-1", 31.30, 120.56);
        await using var commander = await BrowserSession.OpenAsync(chromium, server.BaseAddress, "commander", "/wall/district-command", 1920, 1080,
            watch: context => context.Request += (_, request) => requests.Add(request.Url));

        await DispatchInBrowserTests.FocusAsync(commander.Page, "TILE-1");
        var placed = await commander.Page.EvaluateAsync<double[]>("() => document.querySelector('.incident-map').commandMap.position('TILE-1')");
        var (lat, lon) = Gcj02(31.30, 120.56);
        Assert.Equal(lat, placed[0], 6);
        Assert.Equal(lon, placed[1], 6);
        Assert.True(Math.Abs(lon - 120.56) > 0.003, $"GCJ-02 moves a point in Suzhou by hundreds of metres (to {lat}, {lon})");
        await Assertions.Expect(commander.Page.Locator(".incident-map img.leaflet-tile-loaded")).Not.ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await commander.Page.Locator(".incident-map").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "wall-map-tiles.png") });

        Assert.NotEmpty(server.TileRequests);
        var hosts = requests.Where(u => u.StartsWith("http", StringComparison.Ordinal)).Select(u => new Uri(u).Host).Distinct().ToList();
        Assert.Equal(["127.0.0.1"], hosts);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var policy = (await http.GetAsync(new Uri("/login", UriKind.Relative))).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"img-src 'self' data: blob: {server.TileOrigin};", policy, StringComparison.Ordinal);
    }

    /// <summary>WGS-84 to GCJ-02 by the published formula, written here apart from the map's own library.</summary>
    private static (double Lat, double Lon) Gcj02(double lat, double lon)
    {
        const double A = 6378245.0, Ee = 0.00669342162296594323;
        double x = lon - 105.0, y = lat - 35.0;
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
            + (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
            + (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        var radLat = lat / 180.0 * Math.PI;
        var magic = 1 - Ee * Math.Sin(radLat) * Math.Sin(radLat);
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (lat + dLat, lon + dLon);
    }
}
