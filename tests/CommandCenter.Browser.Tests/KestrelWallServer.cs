using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Browser.Tests;

/// <summary>The web app on a real Kestrel port on 127.0.0.1, for a real browser to reach.</summary>
public abstract class KestrelWallServer : WebApplicationFactory<Program>
{
    protected KestrelWallServer() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            // Ready before a browser arrives: the store migrated, the demo accounts made, the live picture loaded. A sign-in
            // sent earlier would be refused and leave the browser on /login.
            if (!Services.GetRequiredService<CommandCenter.Web.Security.DemoAccounts>().Ready.Wait(TimeSpan.FromSeconds(60)) ||
                !Services.GetRequiredService<CommandCenter.Web.Live.SituationFeedService>().Ready.Wait(TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException("the wall server was not ready (accounts and live picture) within 60 s");
            }

            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }
}
