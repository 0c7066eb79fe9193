using System.Diagnostics;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Two web nodes on one Redis and one PostgreSQL. A wall display is open on node B, in a browser and as a hub client on the
/// same session; an admin on node A ends that session from the admin page. Both stop within 5 s: the wall goes to the
/// sign-in, the hub connection closes.
/// </summary>
public sealed class SessionEndAcrossNodesTests(Chromium chromium, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<Chromium>, IAsyncLifetime
{
    private string _database = "";
    private ClusterWallServer _a = default!;
    private ClusterWallServer _b = default!;

    public async Task InitializeAsync()
    {
        _database = await ClusterWallServer.NewDatabaseAsync();
        var prefix = $"cc-browser-{Guid.NewGuid():N}";
        _a = new ClusterWallServer(ClusterWallServer.Redis, _database, prefix, "node-a");
        _b = new ClusterWallServer(ClusterWallServer.Redis, _database, prefix, "node-b");
        _ = _a.BaseAddress;
        _ = _b.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await ClusterWallServer.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task A_session_ended_on_the_admin_page_of_one_node_stops_the_wall_and_the_hub_client_on_another_within_5_s()
    {
        var wallContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var wall = await wallContext.NewPageAsync();
        await wall.GotoAsync(new Uri(_b.BaseAddress, "/device").ToString());
        await wall.FillAsync("input[name=device]", "wall-01");
        await wall.FillAsync("input[name=token]", DemoAccounts.WallToken);
        await wall.ClickAsync("button[type=submit]");
        await Assertions.Expect(wall.Locator(".wall-title")).ToHaveTextAsync("虎丘区社会治理联动指挥中心");
        var clock = await wall.Locator(".clock-time").TextContentAsync();
        await Assertions.Expect(wall.Locator(".clock-time")).Not.ToHaveTextAsync(clock!, new() { Timeout = 15_000 }); // the circuit is live

        var cookie = (await wallContext.CookiesAsync()).Single(c => c.Name == "cc.session");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_b.BaseAddress, Web.Hubs.WallHub.Path), o => o.Headers["Cookie"] = $"cc.session={cookie.Value}")
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync<Web.Hubs.WallSnapshotMessage>(nameof(Web.Hubs.WallHub.Subscribe), "320505");

        var adminContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var admin = await adminContext.NewPageAsync();
        await admin.GotoAsync(new Uri(_a.BaseAddress, "/admin/users").ToString());
        await admin.FillAsync("input[name=username]", "admin");
        await admin.FillAsync("input[name=password]", DemoAccounts.Password);
        await admin.ClickAsync("button[type=submit]");
        var row = admin.Locator("tr[data-session-of=wall-01]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        Directory.CreateDirectory(WallInBrowserTests.ScreenshotFolder);
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "admin-sessions.png"), FullPage = true });

        await row.Locator("button").ClickAsync();
        await Assertions.Expect(admin.Locator("p[role=status]")).ToContainTextAsync("会话已结束");
        var ended = Stopwatch.StartNew();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var hubClosedAfter = ended.ElapsedMilliseconds;
        // The wall has stopped once it has left for the sign-in (the new page may take its time to render). Read from the page's
        // address, polled: waiting for a navigation event missed one already under way when the wait began (the wall had left
        // 50 ms after the end, and the wait still timed out).
        await Assertions.Expect(wall).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"),
            new PageAssertionsToHaveURLOptions { Timeout = 5_000 - (float)ended.Elapsed.TotalMilliseconds });
        output.WriteLine($"after the admin's click: hub connection closed in {hubClosedAfter} ms, wall left for the sign-in in {ended.ElapsedMilliseconds} ms");
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        await Assertions.Expect(admin.Locator("tr[data-session-of=wall-01]")).ToHaveCountAsync(0);
        await wallContext.CloseAsync();
        await adminContext.CloseAsync();
    }
}
