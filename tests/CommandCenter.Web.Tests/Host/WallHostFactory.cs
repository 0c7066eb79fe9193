using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommandCenter.Web.Tests.Host;

/// <summary>The whole web app in process, with the simulator off so tests publish exactly what they need.</summary>
public sealed class WallHostFactory : WebApplicationFactory<Program>
{
    public string? LayoutsPath { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Simulator:Enabled", "false");
        if (LayoutsPath is not null)
        {
            builder.UseSetting("Wall:LayoutsPath", LayoutsPath);
        }
    }
}
