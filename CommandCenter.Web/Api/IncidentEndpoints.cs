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

    /// <summary>What <c>bucket</c> (the wall's buckets) and <c>list</c> (the desk's lists) may name, as lists of the index.</summary>
    internal static readonly Dictionary<string, OrderList[]> Lists = new(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = [.. OrderLists.ByState],
        ["pending-sign-off"] = [OrderList.AwaitingSignOff, OrderList.InReview],
        ["in-progress"] = [OrderList.Handling, OrderList.Verifying],
        ["new"] = [OrderList.New],
        ["awaiting-sign-off"] = [OrderList.AwaitingSignOff],
        ["handling"] = [OrderList.Handling],
        ["verifying"] = [OrderList.Verifying],
        ["in-review"] = [OrderList.InReview],
        ["overdue"] = [OrderList.Overdue],
        ["supervised"] = [OrderList.Supervised],
    };

    /// <summary>Orders a list page carries unless asked for fewer, and the most it carries.</summary>
    public const int DefaultLimit = 200, MaxLimit = 1000;

    public static void MapIncidentApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(nameof(Domain.Security.Permission.ReadApi));
        api.MapGet("/incidents", async (HttpContext http, string? scope, string? bucket, string? limit, string? after, LiveSituation live,
            ScopeGuard guard) =>
        {
            var name = bucket ?? "open";
            if (!Lists.TryGetValue(name, out var lists))
            {
                return Problem(400, "bucket", $"unknown bucket '{name}'; use one of: {string.Join(", ", Lists.Keys)}");
            }

            var size = DefaultLimit;
            if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxLimit))
            {
                return Problem(400, "limit", $"limit must be a whole number from 1 to {MaxLimit}");
            }

            OrderKey? cursor = null;
            if (after is not null)
            {
                if (!OrderKey.TryParse(after, out var key))
                {
                    return Problem(400, "after", "after must be the 'next' cursor of an earlier page");
                }

                cursor = key;
            }

            var (resolved, error) = await ResolveAsync(http, scope, guard);
            if (resolved is null)
            {
                return error!;
            }

            var page = live.Orders(resolved.Value, lists, cursor, size);
            return Results.Json(new { scope = resolved.Value.Value, incidents = page.Orders, total = page.Total, next = page.Next }, Json);
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
