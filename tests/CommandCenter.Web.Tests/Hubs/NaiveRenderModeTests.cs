using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hubs;

/// <summary>The naive mode the load harness measures walls against: no coalescing window for walls, the hub's unchanged.</summary>
public sealed class NaiveRenderModeTests
{
    [Theory]
    [InlineData(null, 250)]
    [InlineData("false", 250)]
    [InlineData("true", 0)]
    public async Task Walls_coalesce_changes_unless_set_to_render_every_change(string? setting, int wallWindowMs)
    {
        await using var app = new SecuredApp();
        if (setting is not null)
        {
            app.Settings["Wall:RenderEveryChange"] = setting;
        }

        await app.WithOrdersAsync();
        Assert.Equal(TimeSpan.FromMilliseconds(wallWindowMs), app.Services.GetRequiredService<WallSignal>().Window);
        Assert.Equal(TimeSpan.FromMilliseconds(250), app.Services.GetRequiredService<HubSignal>().Window);
    }
}
