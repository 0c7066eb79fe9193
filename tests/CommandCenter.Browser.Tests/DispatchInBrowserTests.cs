using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>The wall's one action end to end, in real browsers: dispatch on one wall, see it on another, sign off at the desk.</summary>
public sealed class DispatchInBrowserTests(QuietWallServer server, Chromium chromium, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<QuietWallServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Dispatched_on_one_wall_shows_pending_sign_off_on_another_within_a_second_and_the_desk_signs_it_off()
    {
        await using var commander = await OpenAsync("commander", "/wall/district-command", 1920, 1080);
        await using var display = await OpenAsync("wall-01", "/wall/district-command", 1920, 1080, device: true);
        await using var desk = await OpenAsync("op-shishan", "/desk", 1366, 768);
        await server.ReportAsync("BRW-1", "浏览器测试:狮山路口暴露垃圾");

        var onCommander = commander.Page.Locator("tr.incident[data-order=BRW-1]");
        var onDisplay = display.Page.Locator("tr.incident[data-order=BRW-1]");
        await Assertions.Expect(onCommander).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(onDisplay).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(0, await display.Page.Locator("button.dispatch-now").CountAsync()); // a wall display has no dispatch controls
        var pendingBefore = int.Parse((await display.Page.Locator("[data-kpi=pending-sign-off] .kpi-value").TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        // Measured in the browsers themselves (one machine, one clock): from the click on the commander's wall to the
        // moment the display's row says 待签收, without the test driver's own overhead.
        await display.Page.EvaluateAsync("""
            () => new MutationObserver((_, observer) => {
              const row = document.querySelector('tr.incident[data-order=BRW-1]');
              if (row && row.textContent.includes('待签收')) { window.seenAt = Date.now(); observer.disconnect(); }
            }).observe(document.body, { subtree: true, childList: true, characterData: true })
            """);
        await commander.Page.EvaluateAsync("""
            () => document.addEventListener('click', e => { if (e.target.closest('button.dispatch-now')) window.clickedAt = Date.now(); }, true)
            """);
        await onCommander.Locator("button.dispatch-now").ClickAsync();
        await Assertions.Expect(onDisplay).ToContainTextAsync("待签收", new() { Timeout = 5_000 });
        var seenAfter = TimeSpan.FromMilliseconds(await display.Page.EvaluateAsync<double>("() => window.seenAt") -
            await commander.Page.EvaluateAsync<double>("() => window.clickedAt"));
        await Assertions.Expect(commander.Page.Locator(".dispatch-result")).ToContainTextAsync("狮山横塘街道城管中队");
        await Assertions.Expect(display.Page.Locator("[data-kpi=pending-sign-off] .kpi-value")).ToHaveTextAsync($"{pendingBefore + 1}");
        await commander.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "wall-dispatched.png") });

        var inProgress = display.Page.Locator("[data-kpi=in-progress] .kpi-value");
        var inProgressBefore = int.Parse((await inProgress.TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await desk.Page.Locator("[data-tab=pending]").ClickAsync();
        await desk.Page.Locator("tr[data-order=BRW-1]").ClickAsync();
        await desk.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "desk.png") });
        await desk.Page.Locator(".desk-actions [data-action=SignOff]").ClickAsync();

        await Assertions.Expect(desk.Page.Locator(".desk-message")).ToContainTextAsync("已签收");
        await Assertions.Expect(inProgress).ToHaveTextAsync($"{inProgressBefore + 1}", new() { Timeout = 5_000 });
        await Assertions.Expect(display.Page.Locator("[data-kpi=pending-sign-off] .kpi-value")).ToHaveTextAsync($"{pendingBefore}");
        await Assertions.Expect(onDisplay).ToContainTextAsync("处理中");
        output.WriteLine($"click on the commander's wall to 待签收 on the wall display: {seenAfter.TotalMilliseconds:0} ms");
        Assert.True(seenAfter < TimeSpan.FromSeconds(1), $"the second wall showed 待签收 after {seenAfter.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task An_order_is_dispatched_from_its_marker_on_the_wall_map()
    {
        await using var commander = await OpenAsync("commander", "/wall/district-command", 1920, 1080);
        await using var display = await OpenAsync("wall-01", "/wall/district-command", 1920, 1080, device: true);
        await server.ReportAsync("BRW-MAP", "浏览器测试:地图派单", lat: 31.306, lon: 120.566); // apart from the other test's marker

        // Dense markers cluster: the map zooms until this one stands alone, then opens its popup.
        await FocusAsync(commander.Page, "BRW-MAP");
        await Assertions.Expect(commander.Page.Locator(".incident-map path[data-order=BRW-MAP]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var popup = commander.Page.Locator(".map-popup[data-order=BRW-MAP]");
        await Assertions.Expect(popup).ToContainTextAsync("地图派单");
        await commander.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "wall-map.png") });
        await popup.Locator("button.map-dispatch").ClickAsync();

        await Assertions.Expect(popup.Locator(".map-dispatch-result")).ToContainTextAsync("已派 狮山横塘街道城管中队");
        await Assertions.Expect(display.Page.Locator("tr.incident[data-order=BRW-MAP]")).ToContainTextAsync("待签收", new() { Timeout = 5_000 });
        await FocusAsync(display.Page, "BRW-MAP");
        await Assertions.Expect(display.Page.Locator(".map-popup[data-order=BRW-MAP]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(0, await display.Page.Locator(".map-popup button.map-dispatch").CountAsync()); // the display only looks
    }

    private Task<BrowserSession> OpenAsync(string user, string path, int width, int height, bool device = false) =>
        BrowserSession.OpenAsync(chromium, server.BaseAddress, user, path, width, height, device);

    /// <summary>Waits until the page's map holds the order, then has it zoom to the order and open its popup.</summary>
    internal static Task FocusAsync(IPage page, string order) =>
        page.WaitForFunctionAsync($"() => document.querySelector('.incident-map')?.commandMap?.focus('{order}') === true", null,
            new PageWaitForFunctionOptions { Timeout = 15_000, PollingInterval = 200 });
}
