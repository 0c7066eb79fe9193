using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>A signed-in browser context on one page, opened once the page is interactive.</summary>
public sealed record BrowserSession(IBrowserContext Context, IPage Page) : IAsyncDisposable
{
    /// <param name="watch">Called with the new context before anything loads (to watch its requests).</param>
    public static async Task<BrowserSession> OpenAsync(Chromium chromium, Uri baseAddress, string user, string path, int width, int height, bool device = false,
        Action<IBrowserContext>? watch = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        watch?.Invoke(context);
        var page = await context.NewPageAsync();
        if (device)
        {
            await page.GotoAsync(new Uri(baseAddress, "/device").ToString());
            await page.FillAsync("input[name=device]", user);
            await page.FillAsync("input[name=token]", CommandCenter.Web.Security.DemoAccounts.WallToken);
        }
        else
        {
            await page.GotoAsync(new Uri(baseAddress, "/login").ToString());
            await page.FillAsync("input[name=username]", user);
            await page.FillAsync("input[name=password]", CommandCenter.Web.Security.DemoAccounts.Password);
        }

        await page.ClickAsync("button[type=submit]");
        // Signed in once the browser has left the sign-in page; the landing page it was sent to is not waited for, since the
        // page asked for is opened next (on a loaded machine the landing wall's full load took over 30 s once).
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal) && !url.Contains("/device", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit });
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        // Interactive once the circuit is up: a wall's clock ticks; the desk marks itself.
        if (path.StartsWith("/wall", StringComparison.Ordinal))
        {
            var clock = await page.Locator(".clock-time").TextContentAsync();
            await Assertions.Expect(page.Locator(".clock-time")).Not.ToHaveTextAsync(clock!, new() { Timeout = 15_000 });
        }
        else
        {
            await Assertions.Expect(page.Locator(".desk-page[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }

        return new BrowserSession(context, page);
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
