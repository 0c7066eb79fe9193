using System.Globalization;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Domain.Sla;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Briefings;

/// <summary>
/// <c>GET /api/briefing?from=&amp;to=&amp;scope=&amp;format=json|csv</c>: the briefing of a jurisdiction subtree (the caller's own
/// by default, never outside it) over orders reported in [from, to). Dates are China days (<c>2026-11-23</c>, to inclusive)
/// or ISO 8601 times; the default is today. JSON needs ViewBriefing; CSV is an export and needs ExportBriefing, and is audited.
/// </summary>
public static class BriefingEndpoints
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static void MapBriefingApi(this WebApplication app)
    {
        app.MapGet("/api/briefing", async (HttpContext http, string? from, string? to, string? scope, string? format, IBriefingQueries store, IAuditLog audit, ScopeGuard guard,
            Feeds.Reference.ReferenceBook reference, TimeProvider time) =>
        {
            var data = reference.Current.Data;
            var (tree, policy) = (data.Tree, data.Sla);
            format ??= "json";
            if (format is not ("json" or "csv"))
            {
                return Api.IncidentEndpoints.Problem(400, "format", $"unknown format '{format}'; use json or csv");
            }

            var export = format != "json";
            if (!http.User.Can(export ? Permission.ExportBriefing : Permission.ViewBriefing))
            {
                await guard.DeniedAsync(http.User, $"api/briefing?format={format}", $"role {http.User.Role()} may not {(export ? "export" : "view")} briefings", http.RequestAborted);
                return Api.IncidentEndpoints.Problem(403, "role", export ? "this account may not export briefings" : "this account may not view briefings");
            }

            var now = time.GetUtcNow();
            var today = policy.Calendar.StartOfDay(now);
            var (start, startError) = Parse(from, "from", today, endOfDay: false);
            var (end, endError) = Parse(to, "to", today, endOfDay: true);
            if ((startError ?? endError) is { } error)
            {
                return error;
            }

            if (end <= start || end - start > TimeSpan.FromDays(366))
            {
                return Api.IncidentEndpoints.Problem(400, "to", "the window must end after it starts and span at most 366 days");
            }

            JurisdictionCode? requested = null;
            if (!string.IsNullOrWhiteSpace(scope))
            {
                if (!JurisdictionCode.TryFrom(scope, out var code, out var codeError))
                {
                    return Api.IncidentEndpoints.Problem(400, "scope", codeError);
                }

                requested = code;
            }

            var resolved = await guard.ResolveAsync(http.User, requested, $"api/briefing?scope={scope}&format={format}", http.RequestAborted);
            if (resolved is null)
            {
                return Api.IncidentEndpoints.Problem(404, "scope", $"no jurisdiction '{scope}'");
            }

            var briefing = await store.BriefingAsync(resolved.Value, start!.Value, end!.Value, now, data, http.RequestAborted);
            if (!export)
            {
                return Results.Json(briefing, Api.IncidentEndpoints.Json);
            }

            await audit.AppendAuditAsync(new AuditRecord(http.User.Id(), "briefing.exported", resolved.Value.Value,
                $"{format}, {start:yyyy-MM-dd HH:mm}–{end:yyyy-MM-dd HH:mm}"), http.RequestAborted);
            return Results.File(BriefingCsv.Write(briefing), "text/csv; charset=utf-8",
                $"briefing-{resolved.Value.Value}-{start.Value.ToOffset(China):yyyyMMdd}-{end.Value.AddTicks(-1).ToOffset(China):yyyyMMdd}.csv");
        }).RequireAuthorization();
    }

    private static (DateTimeOffset? At, IResult? Error) Parse(string? text, string field, DateTimeOffset today, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (endOfDay ? today.AddDays(1) : today, null);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), China);
            return (endOfDay ? start.AddDays(1) : start, null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Length > 10
            ? (at, null)
            : (null, Api.IncidentEndpoints.Problem(400, field, $"'{text}' is not a date (2026-11-23) or an ISO 8601 time"));
    }

}
