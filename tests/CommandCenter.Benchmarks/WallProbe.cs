using Microsoft.Playwright;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Headless Chromium walls on the district layout, signed in as the demo wall device. Each page records, in the browser,
/// when each order's row first appears (a MutationObserver on <c>tr[data-order]</c>, wall-clock milliseconds), so the
/// harness can time feed-to-paint from each ticket's due time on the same machine's clock.
/// </summary>
internal sealed class WallProbe : IAsyncDisposable
{
    private const string Recorder = """
        window.__seen = {};
        new MutationObserver(() => {
          for (const row of document.querySelectorAll('tr[data-order]')) {
            const id = row.getAttribute('data-order');
            if (!(id in window.__seen)) window.__seen[id] = Date.now();
          }
        }).observe(document, { childList: true, subtree: true });
        """;

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<IPage> _pages = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public int Count => _pages.Count;

    public static async Task<WallProbe> OpenAsync(Uri node, int walls)
    {
        var probe = new WallProbe { _playwright = await Playwright.CreateAsync() };
        probe._browser = await probe._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CC_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        for (var w = 0; w < walls; w++)
        {
            var context = await probe._browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, Locale = "zh-CN" });
            await context.AddInitScriptAsync(Recorder);
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(node, "/device").ToString());
            await page.FillAsync("input[name=device]", "wall-01");
            await page.FillAsync("input[name=token]", Web.Security.DemoAccounts.WallToken);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/device", StringComparison.Ordinal));
            await page.GotoAsync(new Uri(node, "/wall/district-command").ToString());
            var clock = await page.Locator(".clock-time").TextContentAsync();
            await Assertions.Expect(page.Locator(".clock-time")).Not.ToHaveTextAsync(clock!, new() { Timeout = 30_000 });
            probe._contexts.Add(context);
            probe._pages.Add(page);
        }

        return probe;
    }

    /// <summary>When each wall first showed each order (Unix milliseconds), wall by wall.</summary>
    public async Task<IReadOnlyList<Dictionary<string, long>>> SeenAsync() =>
        await Task.WhenAll(_pages.Select(p => p.EvaluateAsync<Dictionary<string, long>>("() => window.__seen")));

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
