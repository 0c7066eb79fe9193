using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Browser.Tests;

/// <summary>The web app on a real Kestrel port on 127.0.0.1, with the simulator running fast.</summary>
public sealed class LiveWallServer : WebApplicationFactory<Program>
{
    public LiveWallServer() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the static web assets (MudBlazor, blazor.web.js) straight from the build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("Simulator:Speed", "60");
        builder.UseSetting("Simulator:BackfillHours", "0.25");
        builder.UseSetting("Storage:SqlitePath", Path.Combine(Path.GetTempPath(), $"cc-browser-{Guid.NewGuid():N}.db"));
    }
}
