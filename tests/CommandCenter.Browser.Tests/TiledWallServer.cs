using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// The quiet wall with a site's tile server: a few PNG tiles served on another 127.0.0.1 port, in GCJ-02 as Chinese online
/// maps are, so the map must shift every position to match them.
/// </summary>
public sealed class TiledWallServer : KestrelWallServer
{
    private readonly WebApplication _tiles;

    public TiledWallServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _tiles = builder.Build();
        _tiles.MapGet("/tiles/{z:int}/{x:int}/{y:int}.png", (int z, int x, int y) =>
        {
            TileRequests.Add($"{z}/{x}/{y}");
            return Results.Bytes(Tile, "image/png");
        });
        _tiles.StartAsync().GetAwaiter().GetResult();
        TileOrigin = _tiles.Urls.First();
    }

    /// <summary>The tile server's origin (http://127.0.0.1:port).</summary>
    public string TileOrigin { get; }

    /// <summary>Every tile the browsers asked for, as z/x/y.</summary>
    public ConcurrentBag<string> TileRequests { get; } = [];

    /// <summary>A 1×1 grey PNG: the map stretches it over the tile.</summary>
    private static readonly byte[] Tile = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoaAAAAwUBgX8nHvwAAAAASUVORK5CYII=");

    public Task ReportAsync(string id, double lat, double lon) => QuietWallServer.ReportAsync(Services, id, "瓦片测试:已知位置", "320505001001001", lat, lon);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Storage:SqlitePath", Path.Combine(Path.GetTempPath(), $"cc-browser-tiled-{Guid.NewGuid():N}.db"));
        builder.UseSetting("Wall:MapTileUrl", TileOrigin + "/tiles/{z}/{x}/{y}.png");
        builder.UseSetting("Wall:MapTileCoordinates", "gcj02");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _tiles.DisposeAsync();
    }
}
