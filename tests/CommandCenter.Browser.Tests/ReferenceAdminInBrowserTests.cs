using System.Text;
using CommandCenter.Feeds.Reference;
using CommandCenter.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// An admin at <c>/admin/reference</c> in a real browser: a file with a bad row shows each problem and no apply button; a
/// good one shows what changes, and applying it puts it in force and lists the import.
/// </summary>
public sealed class ReferenceAdminInBrowserTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncDisposable
{
    private readonly QuietWallServer _server = new();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_admin_previews_a_bad_and_a_good_units_file_and_applies_the_good_one()
    {
        var book = _server.Services.GetRequiredService<ReferenceBook>();
        var units = book.Current.Files["units.csv"];
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.BaseAddress, "/admin/reference").ToString());
        await page.FillAsync("input[name=username]", "admin");
        await page.FillAsync("input[name=password]", DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);

        await page.Locator("input.reference-upload").SetInputFilesAsync(Csv("units.csv", units + "U-x,新单位,traffic,320505001,,\n"));
        await Assertions.Expect(page.Locator("table.reference-problems")).ToContainTextAsync("unknown department 'traffic'");
        await Assertions.Expect(page.Locator("button.reference-apply")).ToHaveCountAsync(0);

        var before = book.Current.Digest;
        await page.Locator("input.reference-upload").SetInputFilesAsync(Csv("units.csv", units + "U-001-water,狮山横塘街道水务站,city,320505001,31.29,120.56\n"));
        await Assertions.Expect(page.Locator("table.reference-changes tr[data-file='units.csv']")).ToContainTextAsync("U-001-water");
        Directory.CreateDirectory(WallInBrowserTests.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallInBrowserTests.ScreenshotFolder, "admin-reference.png"), FullPage = true });
        var applied = new TaskCompletionSource<ReferenceEdition>(TaskCreationOptions.RunContinuationsAsynchronously);
        book.Changed += e => applied.TrySetResult(e);
        await page.ClickAsync("button.reference-apply");

        await Assertions.Expect(page.Locator(".reference-done")).ToContainTextAsync("已导入版本");
        await Assertions.Expect(page.Locator("table.reference-history")).ToContainTextAsync("units.csv +1 -0");
        var edition = await applied.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(before, edition.Digest);
        Assert.NotNull(edition.Data.FindUnit("U-001-water"));
        await context.CloseAsync();
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
