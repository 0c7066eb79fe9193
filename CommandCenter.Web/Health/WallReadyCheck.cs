using CommandCenter.Web.Live;
using CommandCenter.Web.Walls;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Web.Health;

/// <summary>Ready when the live situation is consuming the bus and the default layout loads.</summary>
public sealed class WallReadyCheck(SituationFeedService feed, WallLayoutCatalog layouts, Microsoft.Extensions.Options.IOptions<WallOptions> options)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!feed.IsRunning)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the live situation is not rebuilt from the store yet"));
        }

        var lookup = layouts.Find(options.Value.DefaultLayout);
        return Task.FromResult(lookup.Found
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(string.Join("; ", lookup.Problems)));
    }
}
