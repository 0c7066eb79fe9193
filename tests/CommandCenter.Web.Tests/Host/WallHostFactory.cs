using Microsoft.AspNetCore.Hosting;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Host;

/// <summary>
/// The whole web app in process on its own SQLite file, with the simulator off so tests publish exactly what
/// they need.
/// </summary>
public class WallHostFactory : WebApplicationFactory<Program>
{
    public string? LayoutsPath { get; init; }

    public string SqlitePath { get; init; } = Path.Combine(Path.GetTempPath(), $"cc-host-{Guid.NewGuid():N}.db");

    /// <summary>The app, started, with its live picture rebuilt from the store.</summary>
    public async Task<IServiceProvider> ReadyAsync()
    {
        using var client = CreateClient();
        await Services.GetRequiredService<SituationFeedService>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        await Services.GetRequiredService<TestAccounts>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return Services;
    }

    /// <summary>Production, as a city runs it: no demo accounts, key or simulator; the accounts come from <see cref="TestAccounts"/>.</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TestAccounts>();
            services.AddHostedService(sp => sp.GetRequiredService<TestAccounts>());
        });
        builder.UseSetting("Simulator:Enabled", "false");
        foreach (var (key, value) in TestCertificate.Settings)
        {
            builder.UseSetting(key, value); // Production encrypts its sign-in keys at rest
        }

        builder.UseSetting("Storage:SqlitePath", SqlitePath);
        if (LayoutsPath is not null)
        {
            builder.UseSetting("Wall:LayoutsPath", LayoutsPath);
        }
    }
}
