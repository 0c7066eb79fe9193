using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CommandCenter.Feeds.Bus;

/// <summary>Healthy when the bus can be written: always in-process; a Redis PING on the production bus.</summary>
public sealed class BusHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService(typeof(IConnectionMultiplexer)) is not IConnectionMultiplexer redis)
        {
            return HealthCheckResult.Healthy("in-process bus");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"redis answered in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("redis is unreachable", ex);
        }
    }
}
