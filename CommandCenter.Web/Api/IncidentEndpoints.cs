using System.Text.Json;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Serialization;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;

namespace CommandCenter.Web.Api;

/// <summary>
/// Read endpoints of the live situation, scoped to the caller's jurisdiction. A scope or order outside it
/// answers 404 like one that does not exist, and the attempt is audited.
/// </summary>
public static class IncidentEndpoints
{
    internal static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }.WithDomainValues();

    private static readonly Dictionary<string, WallBucket?> Buckets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = null,
        ["pending-sign-off"] = WallBucket.PendingSignOff,
        ["in-progress"] = WallBucket.InProgress,
    };

    public static void MapIncidentApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(nameof(Domain.Security.Permission.ReadApi));
        api.MapGet("/incidents", async (HttpContext http, string? scope, string? bucket, LiveSituation live, ScopeGuard guard) =>
        {
            if (bucket is not null && !Buckets.ContainsKey(bucket))
            {
                return Problem(400, "bucket", $"unknown bucket '{bucket}'; use one of: {string.Join(", ", Buckets.Keys)}");
            }

            var (resolved, error) = await ResolveAsync(http, scope, guard);
            if (resolved is null)
            {
                return error!;
            }

            var wanted = bucket is null ? null : Buckets[bucket];
            var cards = live.Snapshot(resolved.Value).OpenOrders.Where(c => wanted is null || c.State.ToBucket() == wanted);
            return Results.Json(new { scope = resolved.Value.Value, incidents = cards }, Json);
        });
        api.MapGet("/incidents/{id}", async (HttpContext http, string id, LiveSituation live, ScopeGuard guard) =>
        {
            if (!WorkOrderId.TryFrom(id, out var orderId, out var idError))
            {
                return Problem(400, "id", idError);
            }

            var card = live.CardOf(orderId);
            if (card is null || !ScopeGuard.Allows(http.User, card.Scope))
            {
                if (card is not null)
                {
                    await guard.DeniedAsync(http.User, $"incident/{id}", $"order in {card.Scope} is outside the user's jurisdiction", http.RequestAborted);
                }

                return Problem(404, "id", $"no work order '{id}'");
            }

            return Results.Json(card, Json);
        });
        api.MapGet("/kpis", async (HttpContext http, string? scope, LiveSituation live, ScopeGuard guard) =>
        {
            var (resolved, error) = await ResolveAsync(http, scope, guard);
            if (resolved is null)
            {
                return error!;
            }

            var snapshot = live.Snapshot(resolved.Value);
            return Results.Json(new
            {
                scope = resolved.Value.Value, at = snapshot.At, counts = snapshot.Counts, kpis = snapshot.Kpis,
                rates = Domain.Kpis.KpiRates.Of(snapshot.Kpis).Select(r => new { key = r.Key, name = r.Name, numerator = r.Ratio.Numerator,
                    denominator = r.Ratio.Denominator, value = r.Ratio.Value, basis = r.Basis }),
            }, Json);
        });
    }

    private static async Task<(JurisdictionCode? Scope, IResult? Error)> ResolveAsync(HttpContext http, string? scope, ScopeGuard guard)
    {
        JurisdictionCode? requested = null;
        if (!string.IsNullOrWhiteSpace(scope))
        {
            if (!JurisdictionCode.TryFrom(scope, out var code, out var error))
            {
                return (null, Problem(400, "scope", error));
            }

            requested = code;
        }

        var resolved = await guard.ResolveAsync(http.User, requested, $"api{http.Request.Path}?scope={scope}", http.RequestAborted);
        return resolved is null ? (null, Problem(404, "scope", $"no jurisdiction '{scope}'")) : (resolved, null);
    }

    /// <summary>A problem+json answer naming the field at fault (<c>field</c> extension, and in the title).</summary>
    internal static IResult Problem(int status, string field, string detail) => Feeds.Http.ApiProblem.Field(status, field, detail);
}
