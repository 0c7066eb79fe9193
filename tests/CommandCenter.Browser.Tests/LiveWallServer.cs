using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Browser.Tests;

/// <summary>The web app on a real Kestrel port on 127.0.0.1, with the simulator running fast.</summary>
public sealed class LiveWallServer : KestrelWallServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the static web assets (MudBlazor, blazor.web.js) straight from the build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("Simulator:Speed", "60");
        builder.UseSetting("Simulator:BackfillHours", "0.25");
        builder.UseSetting("Storage:SqlitePath", Path.Combine(Path.GetTempPath(), $"cc-browser-{Guid.NewGuid():N}.db"));
    }
}
