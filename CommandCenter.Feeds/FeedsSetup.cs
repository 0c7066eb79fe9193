using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Bus;
using CommandCenter.Feeds.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CommandCenter.Feeds;

public static class FeedsSetup
{
    /// <summary>
    /// The feed side: the event bus (in-process on the embedded default), the demo district's jurisdictions,
    /// and the simulator (<c>Simulator:Enabled</c>).
    /// </summary>
    public static IHostApplicationBuilder AddCommandCenterFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.TryAddSingleton<IFeedBus, InProcessFeedBus>();
        }
        else
        {
            builder.Services.AddOptions<RedisBusOptions>().BindConfiguration(RedisBusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false; // start and keep retrying; walls show the delay meanwhile
                options.ClientName ??= "CommandCenter";
                return ConnectionMultiplexer.Connect(options);
            });
            builder.Services.TryAddSingleton<IFeedBus, RedisFeedBus>();
        }

        builder.Services.AddSingleton(_ => DemoDistrict.Build());
        builder.Services.AddSingleton<JurisdictionTree>(sp => sp.GetRequiredService<DemoDistrict>().Tree);
        builder.Services.AddHostedService<SimulatorService>();
        return builder;
    }
}
