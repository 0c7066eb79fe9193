using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using CommandCenter.Feeds.Ingest;

namespace CommandCenter.Feeds.Gateway;

/// <summary>
/// <c>dotnet run --project CommandCenter.Feeds</c>: the ingest gateway. Runs the ingest endpoints and the simulator
/// as a process of its own, publishing to Redis for any number of web nodes; <c>/healthz</c> answers 200 while Redis
/// can be written.
/// </summary>
public static class IngestGateway
{
    public const string DefaultUrl = "http://localhost:5090";

    public static async Task<int> Main(string[] args)
    {
        if (args is ["--write-demo-reference", var folder])
        {
            await Simulator.SimulatorSetup.WriteDemoReferenceAsync(folder).ConfigureAwait(false);
            return 0;
        }

        var app = Build(args);
        if (app is null)
        {
            await Console.Error.WriteLineAsync(
                "The ingest gateway publishes to Redis: set ConnectionStrings:Redis, e.g. --ConnectionStrings:Redis=localhost:6379").ConfigureAwait(false);
            return 2;
        }

        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The gateway, ready to run; null when no Redis is configured (alone it would publish to nobody).</summary>
    public static WebApplication? Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(IngestGateway).Assembly.GetName().Name });
        configure?.Invoke(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddCommandCenterFeeds();
        builder.Services.AddHostedService<Reference.ReferenceFollower>();
        var app = builder.Build();
        app.UseMiddleware<Http.ApiProblems>();
        app.MapHealthChecks("/healthz");
        app.MapCommandCenterIngest();
        return app;
    }
}
