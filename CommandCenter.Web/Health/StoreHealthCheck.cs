using CommandCenter.Web.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Web.Health;

/// <summary>Unhealthy until the store is migrated; degraded (still serving walls) while storing fails and is retried.</summary>
public sealed class StoreHealthCheck(StoreGate gate, IEnumerable<IStoreProgress> writers, IStoreMigrations store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!gate.IsReady ? HealthCheckResult.Unhealthy($"{store.Describe} is not reachable or not migrated yet")
            : writers.Any(w => w.StoreDown) ? HealthCheckResult.Degraded($"{store.Describe} unreachable; events are held and retried")
            : HealthCheckResult.Healthy());
}
