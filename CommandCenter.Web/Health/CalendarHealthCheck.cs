using CommandCenter.Domain.Sla;
using CommandCenter.Feeds.Reference;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Web.Health;

/// <summary>
/// Degraded (walls keep working) while deadlines run on a provisional calendar: this year's holidays not imported, or,
/// from December, next year's. Normal orders' deadlines would then count holidays as working days.
/// </summary>
public sealed class CalendarHealthCheck(ReferenceBook reference, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = reference.Current.Data;
        var gaps = CalendarCoverage.Gaps(data.CalendarDays.Select(d => d.Date.Year), data.Sla.Calendar.LocalDate(time.GetUtcNow()));
        return Task.FromResult(gaps.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", gaps)));
    }
}
