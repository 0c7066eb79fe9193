using CommandCenter.Feeds.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>The ingest gateway (<c>CommandCenter.Feeds</c>) as its own host on a real 127.0.0.1 port.</summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public const string ApiKey = "gateway-test-key";
    public static readonly byte[] WebhookKey = System.Text.Encoding.UTF8.GetBytes("the gateway test's webhook secret");

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a gateway; <paramref name="settings"/> add to or override the defaults (e.g. <c>--Simulator:Enabled=true</c>).</summary>
    public static async Task<GatewayHost> StartAsync(string redis, string prefix, params string[] settings)
    {
        var app = IngestGateway.Build([
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:Redis={redis}",
            $"--Bus:Prefix={prefix}",
            "--Simulator:Enabled=false",
            $"--Ingest:Sources:test-hotline:ApiKey={ApiKey}",
            $"--Ingest:Sources:signed-platform:WebhookSecret=whsec_{Convert.ToBase64String(WebhookKey)}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]) ?? throw new InvalidOperationException("the gateway refused to build");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new GatewayHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
