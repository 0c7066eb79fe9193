using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// The district simulator (<c>Simulator:Enabled</c>) and its demo district. The only door to the demo district: the rest
/// of the product reads reference data through <see cref="Reference.ReferenceBook"/> (an architecture test keeps it so).
/// </summary>
public static class SimulatorSetup
{
    public static IHostApplicationBuilder AddDistrictSimulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(_ => DemoDistrict.Build());
        builder.Services.AddHostedService<SimulatorService>();
        return builder;
    }

    /// <summary>Regenerates the demo district's shipped reference files (<c>wall-layouts/reference</c>) from its generator.</summary>
    public static async Task WriteDemoReferenceAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in DemoDistrict.Build().Files())
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), text).ConfigureAwait(false);
        }
    }
}
