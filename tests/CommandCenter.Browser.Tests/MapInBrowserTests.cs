using System.Globalization;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Bus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// The commander's map in a real browser: the jurisdiction's outlines, clustered order markers, a moving drone with its
/// trail, a crowd heat layer with its scale, grid members, cameras and a pulsing critical alarm, all drawn from live events.
/// </summary>
public sealed class MapInBrowserTests(QuietWallServer server, Chromium chromium) : IClassFixture<QuietWallServer>, IClassFixture<Chromium>
{
    private const string Grid = "320505001001001";

    [Fact]
    public async Task The_map_draws_outlines_clusters_a_moving_drone_with_its_trail_heat_members_cameras_and_alarms()
    {
        await using var commander = await BrowserSession.OpenAsync(chromium, server.BaseAddress, "commander", "/wall/district-command", 1920, 1080);
        var map = commander.Page.Locator(".incident-map");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 15_000 });
        var now = DateTimeOffset.UtcNow;
        var events = new List<FeedEvent>();
        for (var i = 0; i < 40; i++)
        {
            events.Add(Order($"MAP-{i:00}", 31.300 + (i % 8) * 0.0004, 120.560 + (i / 8) * 0.0004, now)); // dense: one cluster
        }

        events.AddRange(Enumerable.Range(0, 4).Select(i => Drone(31.330, 120.450 + i * 0.002, now.AddSeconds(-45 + i * 15))));
        events.Add(Crowd(now));
        events.AddRange(Enumerable.Range(0, 3).Select(i => Patrol($"GM-{i}", 31.31 + i * 0.003, 120.50, now)));
        events.Add(Camera("32050500011320000101", true, now));
        events.Add(Camera("32050500011320000102", false, now));
        events.Add(new FeedEvent($"alarm-{Guid.NewGuid():N}", "test", now, JurisdictionCode.From(Grid),
            new AlarmRaised("SMOKE-01", AlarmKind.Smoke, AlarmSeverity.Critical, "烟感报警:3栋2单元", new GeoPoint(31.305, 120.52))));
        await PublishAsync(events);

        await Assertions.Expect(map).ToHaveAttributeAsync("data-drones", "1", new() { Timeout = 15_000 });
        await Assertions.Expect(map).ToHaveAttributeAsync("data-orders", "40");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-crowd", "1");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-members", "3");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-cameras", "2");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-alarms", "1");

        Assert.True(await map.Locator("path.outline").CountAsync() > 100, "the district's outlines (streets, communities, grids) are drawn");
        await Assertions.Expect(map.Locator(".outline-label", new() { HasText = "狮山横塘街道" })).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator(".marker-cluster")).Not.ToHaveCountAsync(0);
        Assert.True(await map.Locator("path[data-order]").CountAsync() < 40, "dense orders are clustered, not drawn one by one");
        await Assertions.Expect(map.Locator(".drone-icon[data-drone=UAV-T1]")).ToBeVisibleAsync();
        await Assertions.Expect(map.Locator(".drone-icon[data-drone=UAV-T1] .drone-arrow")).ToHaveAttributeAsync("style", "transform: rotate(90deg);");
        Assert.Equal(4, await TrailPointsAsync(map)); // its four positions, 15 s apart
        await Assertions.Expect(map.Locator("path.drone-trail")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator("canvas.leaflet-heatmap-layer")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator(".map-legend")).ToContainTextAsync("人流密度");
        await Assertions.Expect(map.Locator("path.map-member")).ToHaveCountAsync(3);
        await Assertions.Expect(map.Locator("path.map-camera.offline")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator(".map-alarm.pulsing")).ToHaveCountAsync(1);
        await commander.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "wall-map-layers.png") });
        await map.Locator(".map-drone").DispatchEventAsync("click"); // clicking an item opens its details
        await Assertions.Expect(map.Locator(".map-details")).ToContainTextAsync("UAV-T1");
        await Assertions.Expect(map.Locator(".map-details")).ToContainTextAsync("电量 15% · 低电量");
        await map.Locator(".map-alarm").DispatchEventAsync("click");
        await Assertions.Expect(map.Locator(".map-details", new() { HasText = "烟感报警:3栋2单元" })).ToBeVisibleAsync();

        // The drone flies on: its icon moves and its trail grows by the new point.
        var before = await map.Locator(".map-drone").GetAttributeAsync("style");
        var trailBefore = await TrailPointsAsync(map);
        await PublishAsync([Drone(31.330, 120.458, now.AddSeconds(15))]);
        await Assertions.Expect(map.Locator(".map-drone")).Not.ToHaveAttributeAsync("style", before!, new() { Timeout = 10_000 });
        Assert.Equal(trailBefore + 1, await TrailPointsAsync(map));
        await commander.Page.Locator(".incident-map").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "wall-map-closeup.png") });

        // Zoomed in on an order of the cluster: it stands alone, and the grids in view are named.
        await DispatchInBrowserTests.FocusAsync(commander.Page, "MAP-00");
        await Assertions.Expect(map.Locator("path[data-order=MAP-00]")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Assertions.Expect(map.Locator(".grid-label", new() { HasText = "网格" }).First).ToBeVisibleAsync();
        await Assertions.Expect(map.Locator(".marker-cluster")).ToHaveCountAsync(0); // at this zoom no order is clustered
        await commander.Page.Locator(".incident-map").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "wall-map-zoomed.png") });
    }

    /// <summary>The points the drone's trail holds (its line, drawn simplified at a low zoom, has at most as many).</summary>
    private static async Task<int> TrailPointsAsync(ILocator map) =>
        int.Parse((await map.Locator(".drone-icon[data-drone=UAV-T1]").GetAttributeAsync("data-trail"))!, CultureInfo.InvariantCulture);

    private async Task PublishAsync(IEnumerable<FeedEvent> events)
    {
        var bus = server.Services.GetRequiredService<IFeedBus>();
        foreach (var e in events)
        {
            await bus.PublishAsync(e);
        }
    }

    private static FeedEvent Order(string id, double lat, double lon, DateTimeOffset at)
    {
        var scope = JurisdictionCode.From(Grid);
        return new FeedEvent($"{id}-report", "test", at, scope, new WorkOrderReported(new Domain.WorkOrders.WorkOrderReport(
            Domain.WorkOrders.WorkOrderId.From(id), Domain.WorkOrders.WorkOrderKind.Report, Domain.WorkOrders.WorkOrderSource.GridPatrol,
            Domain.Categories.CategoryCode.From("06010"), Domain.WorkOrders.Urgency.Normal, "地图测试:暴露垃圾", scope, new GeoPoint(lat, lon))));
    }

    private static FeedEvent Drone(double lat, double lon, DateTimeOffset at) =>
        new($"drone-UAV-T1-{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", "test", at, JurisdictionCode.From(Grid),
            new DroneTelemetryReceived(new Domain.Drones.DroneTrack("UAV-T1", new GeoPoint(lat, lon), 120, 90, 8, 15, "河道巡查", at)));

    private static FeedEvent Crowd(DateTimeOffset at)
    {
        // 10 × 10 cells of 20 m, a hot spot in the middle over the area's threshold.
        var counts = Enumerable.Range(0, 100).Select(i => Math.Abs(i / 10 - 5) + Math.Abs(i % 10 - 5) < 3 ? 900 : 40).ToArray();
        return new FeedEvent($"crowd-{Guid.NewGuid():N}", "test", at, JurisdictionCode.From("320505001"), new CrowdFrameObserved(
            new Domain.Crowd.CrowdFrame("AREA-T1", "狮山广场", new GeoPoint(31.290, 120.540), new GeoPoint(31.2918, 120.5421), 20, 10, 10, counts, at, 1.2)));
    }

    private static FeedEvent Patrol(string member, double lat, double lon, DateTimeOffset at) =>
        new($"patrol-{member}-{Guid.NewGuid():N}", "test", at, JurisdictionCode.From(Grid),
            new GridMemberPatrolled(new Domain.GridMembers.PatrolPosition(member, new GeoPoint(lat, lon), true, at)));

    private static FeedEvent Camera(string id, bool online, DateTimeOffset at) =>
        new($"camera-{id}", "test", at, JurisdictionCode.From(Grid), new CameraRegistered(new Domain.Cameras.Camera(
            Domain.Cameras.CameraId.From(id), "狮山路口", JurisdictionCode.From(Grid), new GeoPoint(31.32, 120.48), online)));
}
