using System.Diagnostics;
using CommandCenter.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// A wall whose browser went away stops rendering at once. A browser that dies without unloading the page (a crash, a
/// killed process, a pulled cable) leaves its circuit retained by the server for minutes in case it comes back; in that
/// time it must not be signalled or render.
/// </summary>
public sealed class WallPresenceInBrowserTests(QuietWallServer server, Chromium chromium) : IClassFixture<QuietWallServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_wall_whose_browser_is_gone_is_no_longer_signalled()
    {
        var signal = server.Services.GetRequiredService<WallSignal>();
        var before = signal.SubscriberCount;
        var wall = await BrowserSession.OpenAsync(chromium, server.BaseAddress, "commander", "/wall/district-command", 1280, 720);
        Assert.True(await EventuallyAsync(() => signal.SubscriberCount == before + 1), $"{signal.SubscriberCount} subscribers, expected {before + 1}");

        var cdp = await wall.Context.NewCDPSessionAsync(wall.Page);
        _ = cdp.SendAsync("Page.crash"); // the wall's renderer dies: no unload, no goodbye, the connection just drops

        Assert.True(await EventuallyAsync(() => signal.SubscriberCount == before),
            $"{signal.SubscriberCount} subscribers 15 s after the browser went, expected {before}");
        await wall.DisposeAsync();
    }

    /// <summary>Checks <paramref name="condition"/> every 50 ms for up to 15 s (the server learns of a dropped connection from the socket).</summary>
    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
