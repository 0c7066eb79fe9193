using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Bus;
using CommandCenter.Feeds.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

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
        builder.Services.TryAddSingleton<IFeedBus, InProcessFeedBus>();
        builder.Services.AddSingleton(_ => DemoDistrict.Build());
        builder.Services.AddSingleton<JurisdictionTree>(sp => sp.GetRequiredService<DemoDistrict>().Tree);
        builder.Services.AddHostedService<SimulatorService>();
        return builder;
    }
}
