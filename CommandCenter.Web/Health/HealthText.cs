using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Web.Health;

/// <summary>
/// <c>/healthz</c> as plain text: <c>Healthy</c>, or the status followed by what is wrong, one check a line
/// (<c>Degraded</c> / <c>calendar: the working calendar of 2027 is provisional …</c>), so a monitor or a person sees why.
/// </summary>
public static class HealthText
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(report);
        http.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Status.ToString()}");
        return http.Response.WriteAsync(string.Join('\n', [report.Status.ToString(), .. lines]), http.RequestAborted);
    }
}
