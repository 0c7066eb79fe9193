using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Two-level command and joint handling end to end, in real browsers: a street operator escalates an order at the desk; it
/// appears on the district wall, whose commander dispatches it to a lead and an assisting unit; both units' parts are
/// reported at the street desk; the district verifies it; the street wall shows it done.
/// </summary>
public sealed class EscalationInBrowserTests(QuietWallServer server, Chromium chromium) : IClassFixture<QuietWallServer>, IClassFixture<Chromium>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_street_escalates_the_district_dispatches_to_a_lead_and_an_assisting_unit_both_report_and_the_street_wall_shows_it_done()
    {
        await using var streetDesk = await OpenAsync("op-shishan", "/desk", 1366, 900);
        await using var streetWall = await OpenAsync("op-shishan", "/wall/street-shishan", 1920, 1080);
        await using var districtWall = await OpenAsync("commander", "/wall/district-command", 1920, 1080);
        await using var districtDesk = await OpenAsync("op-district", "/desk", 1366, 900);
        await server.ReportAsync("BRW-ESC", "浏览器测试:夜间施工噪声扰民", lat: 31.302, lon: 120.562);

        // The street accepts it and, unable to handle it, escalates it with a reason.
        var deskRow = streetDesk.Page.Locator("tr[data-order=BRW-ESC]");
        await Assertions.Expect(deskRow).ToBeVisibleAsync(Soon);
        await deskRow.ClickAsync();
        await streetDesk.Page.Locator(".desk-actions [data-action=Accept]").ClickAsync();
        await Assertions.Expect(streetDesk.Page.Locator(".desk-message")).ToContainTextAsync("已受理");
        await streetDesk.Page.Locator(".desk-actions [data-action=Escalate]").ClickAsync();
        await streetDesk.Page.Locator(".desk-form[data-form=Escalate] .note").FillAsync("涉及区住建局，街道无法协调");
        await streetDesk.Page.Locator(".desk-form .confirm").ClickAsync();
        await Assertions.Expect(streetDesk.Page.Locator(".desk-message")).ToContainTextAsync("已上报区级");

        // Both walls show it, marked 区级; only the district's wall offers 派单.
        var onDistrict = districtWall.Page.Locator("tr.incident[data-order=BRW-ESC]");
        var onStreet = streetWall.Page.Locator("tr.incident[data-order=BRW-ESC]");
        await Assertions.Expect(onDistrict).ToContainTextAsync("待区级派遣", new() { Timeout = 15_000 });
        await Assertions.Expect(onStreet).ToContainTextAsync("待区级派遣", new() { Timeout = 15_000 });
        await Assertions.Expect(onStreet.Locator(".level-tag")).ToHaveTextAsync("区级");
        Assert.Equal(0, await onStreet.Locator("button.dispatch-now").CountAsync());
        await districtWall.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "wall-escalated.png") });

        // The district dispatches it: the catalogue's lead (城管) with its assisting department (环保).
        await onDistrict.Locator("button.dispatch-now").ClickAsync();
        await Assertions.Expect(districtWall.Page.Locator(".dispatch-result")).ToContainTextAsync("城管中队,协办 狮山横塘街道环保所");
        await Assertions.Expect(onStreet).ToContainTextAsync("待签收", new() { Timeout = 5_000 });
        await Assertions.Expect(onStreet.Locator(".joint-tag")).ToHaveTextAsync("联动");

        // At the street desk, each unit signs and reports its own part.
        await streetDesk.Page.Locator("[data-tab=pending]").ClickAsync();
        await streetDesk.Page.Locator("tr[data-order=BRW-ESC]").ClickAsync();
        var parts = streetDesk.Page.Locator(".desk-parts li");
        await Assertions.Expect(parts).ToHaveCountAsync(2);
        await streetDesk.Page.Locator(".desk-actions [data-action=SignOff]").ClickAsync();
        await Assertions.Expect(streetDesk.Page.Locator(".desk-message")).ToContainTextAsync("已签收");
        await streetDesk.Page.Locator(".desk-parts [data-action=SignOff]").ClickAsync();
        await Assertions.Expect(streetDesk.Page.Locator(".desk-parts [data-action=ReportDone]")).ToBeVisibleAsync(Soon);
        Assert.Equal(0, await streetDesk.Page.Locator(".desk-actions [data-action=VerifyOk]").CountAsync());
        await streetDesk.Page.Locator(".desk-actions [data-action=ReportDone]").ClickAsync();
        await streetDesk.Page.Locator(".desk-form[data-form=ReportDone] .note").FillAsync("已责令停工");
        await streetDesk.Page.Locator(".desk-form .confirm").ClickAsync();
        await Assertions.Expect(streetDesk.Page.Locator(".desk-message")).ToContainTextAsync("已办结反馈");
        await Assertions.Expect(onDistrict).ToContainTextAsync("处理中"); // the lead has reported; the assisting unit has not
        await streetDesk.Page.Locator(".desk-parts [data-action=ReportDone]").ClickAsync();
        await streetDesk.Page.Locator(".desk-form[data-form=ReportDone] .note").FillAsync("夜间噪声复测达标");
        await streetDesk.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "desk-joint.png") });
        await streetDesk.Page.Locator(".desk-form .confirm").ClickAsync();
        await Assertions.Expect(onDistrict).ToContainTextAsync("待核查", new() { Timeout = 5_000 });

        // The district verifies it; the street wall shows it done.
        var closedOnStreet = streetWall.Page.Locator("[data-kpi=closed] .kpi-value");
        var closedBefore = int.Parse((await closedOnStreet.TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await districtDesk.Page.Locator("[data-tab=verify]").ClickAsync();
        await districtDesk.Page.Locator("tr[data-order=BRW-ESC]").ClickAsync();
        await districtDesk.Page.Locator(".desk-actions [data-action=VerifyOk]").ClickAsync();
        await Assertions.Expect(districtDesk.Page.Locator(".desk-message")).ToContainTextAsync("已核查通过");

        await Assertions.Expect(onStreet).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        await Assertions.Expect(closedOnStreet).ToHaveTextAsync($"{closedBefore + 1}");
        await streetWall.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "wall-street-closed.png") });
    }

    private Task<BrowserSession> OpenAsync(string user, string path, int width, int height) =>
        BrowserSession.OpenAsync(chromium, server.BaseAddress, user, path, width, height);
}
