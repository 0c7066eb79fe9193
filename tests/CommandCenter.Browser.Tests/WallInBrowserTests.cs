using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

public sealed class WallInBrowserTests(LiveWallServer server, Chromium chromium)
    : IClassFixture<LiveWallServer>, IClassFixture<Chromium>
{
    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("CC_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Wall_shows_live_kpis_that_change_as_simulated_events_arrive()
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "zh-CN",
        });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                errors.Add($"{r.Status} {r.Url}");
            }
        };
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };

        await page.GotoAsync(new Uri(server.BaseAddress, "/wall/district-command").ToString());
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "login.png") });
        await SignInAsync(page, "commander");
        await Assertions.Expect(page.Locator(".wall-title")).ToHaveTextAsync("虎丘区社会治理联动指挥中心");

        // Wait until the circuit is live (the clock ticks only in an interactive circuit), then watch a KPI move.
        var clock = await page.Locator(".clock-time").TextContentAsync();
        await Assertions.Expect(page.Locator(".clock-time")).Not.ToHaveTextAsync(clock!, new() { Timeout = 15_000 });
        var total = page.Locator("[data-kpi=total-today] .kpi-value");
        var before = (await total.TextContentAsync())!.Trim();
        await Assertions.Expect(total).Not.ToHaveTextAsync(before, new() { Timeout = 30_000 });
        var after = (await total.TextContentAsync())!.Trim();
        Assert.True(int.Parse(after, System.Globalization.CultureInfo.InvariantCulture) > int.Parse(before, System.Globalization.CultureInfo.InvariantCulture), $"total today went from {before} to {after}");

        await Assertions.Expect(page.Locator("tr.incident").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("li.duty").First).ToBeVisibleAsync();
        Assert.Empty(errors);

        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "wall-district-command.png") });
    }

    [Fact]
    public async Task A_wall_display_signs_in_once_with_its_device_token_and_has_no_sign_out()
    {
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/device").ToString());
        await page.FillAsync("input[name=device]", "wall-01");
        await page.FillAsync("input[name=token]", CommandCenter.Web.Security.DemoAccounts.WallToken);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".wall-title")).ToHaveTextAsync("虎丘区社会治理联动指挥中心");
        await Assertions.Expect(page.Locator("form.sign-out")).ToHaveCountAsync(0);

        var session = (await context.CookiesAsync()).Single(c => c.Name == "cc.session");
        Assert.True(DateTimeOffset.FromUnixTimeSeconds((long)session.Expires) > DateTimeOffset.UtcNow.AddDays(300),
            "a wall's device session should last about a year");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Wall_never_scrolls_at_wall_or_desktop_sizes()
    {
        foreach (var (width, height) in new[] { (3840, 2160), (1366, 768) })
        {
            var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
            await page.GotoAsync(new Uri(server.BaseAddress, "/wall/district-command").ToString());
            await SignInAsync(page, "commander");
            await Assertions.Expect(page.Locator("[data-widget=incident-list]")).ToBeVisibleAsync();
            // Measure the steady state: the live circuit has taken over from the prerendered page (the clock ticks).
            var clock = await page.Locator(".clock-time").TextContentAsync();
            await Assertions.Expect(page.Locator(".clock-time")).Not.ToHaveTextAsync(clock!, new() { Timeout = 15_000 });
            // Name the element that sticks out, if any: a wall has no scroll bar to reach it.
            var culprit = await page.EvaluateAsync<string>("""
                () => {
                  if (document.documentElement.scrollHeight <= window.innerHeight + 1) return "";
                  const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().bottom > window.innerHeight + 1);
                  return out.slice(0, 3).map(e => `${e.tagName}.${e.className} bottom=${Math.round(e.getBoundingClientRect().bottom)}`).join('; ')
                    || `scrollHeight ${document.documentElement.scrollHeight} > ${window.innerHeight}`;
                }
                """);
            Assert.True(culprit.Length == 0, $"page scrolls at {width}×{height}: {culprit}");
            await page.CloseAsync();
        }
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await Assertions.Expect(page.Locator("input[name=username]")).ToBeVisibleAsync();
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", CommandCenter.Web.Security.DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
    }
}
