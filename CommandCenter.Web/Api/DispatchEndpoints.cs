using System.Text.Json;
using CommandCenter.Web.Dispatch;

namespace CommandCenter.Web.Api;

/// <summary>
/// <c>POST /api/incidents/{id}/dispatch</c> with an <c>Idempotency-Key</c> header (one per dispatch dialog) and an optional
/// body <c>{"unitId": "…", "assisting": ["…"]}</c> to choose another lead unit than the recommended one, and assisting units (协办)
/// other than the catalogue's (<c>[]</c> for none). Any signed-in user may call it; the
/// dispatch service refuses (and audits) those who may not dispatch. The required custom header also means a
/// cross-site form or script cannot send it with the user's cookie.
/// </summary>
public static class DispatchEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void MapDispatchApi(this WebApplication app)
    {
        app.MapPost("/api/incidents/{id}/dispatch", async (HttpContext http, string id, DispatchService dispatch) =>
        {
            var (unitId, assisting, bodyError) = await ReadBodyAsync(http);
            if (bodyError is not null)
            {
                return IncidentEndpoints.Problem(400, "body", bodyError);
            }

            var outcome = await dispatch.DispatchAsync(http.User, id, http.Request.Headers[IdempotencyHeader], unitId, "api", http.RequestAborted,
                assisting);
            return outcome.Status switch
            {
                DispatchStatus.Dispatched => Results.Json(outcome.Result, statusCode: outcome.Result!.AlreadyDispatched ? 200 : 201),
                DispatchStatus.Forbidden => IncidentEndpoints.Problem(403, "role", outcome.Problem!),
                DispatchStatus.NotFound => IncidentEndpoints.Problem(404, "id", outcome.Problem!),
                DispatchStatus.Conflict => IncidentEndpoints.Problem(409, outcome.Field!, outcome.Problem!),
                _ => IncidentEndpoints.Problem(outcome.Field == IdempotencyHeader ? 400 : 422, outcome.Field!, outcome.Problem!),
            };
        }).RequireAuthorization().DisableAntiforgery();
    }

    private static async Task<(string? UnitId, IReadOnlyList<string>? Assisting, string? Error)> ReadBodyAsync(HttpContext http)
    {
        const int Limit = 4096;
        if (http.Request.ContentLength > Limit)
        {
            return (null, null, "the body must be at most 4 KiB");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Limit)
            {
                return (null, null, "the body must be at most 4 KiB");
            }
        }

        if (buffer.Length == 0)
        {
            return (null, null, null); // no body: the recommended unit and the catalogue's assisting units
        }

        try
        {
            using var body = JsonDocument.Parse(buffer.ToArray());
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, "the body must be a JSON object such as {\"unitId\": \"U-001-city\", \"assisting\": [\"U-001-env\"]}");
            }

            string? unitId = null;
            if (body.RootElement.TryGetProperty("unitId", out var unit) && unit.ValueKind != JsonValueKind.Null)
            {
                if (unit.ValueKind != JsonValueKind.String)
                {
                    return (null, null, "unitId must be a string");
                }

                unitId = unit.GetString();
            }

            if (!body.RootElement.TryGetProperty("assisting", out var helpers) || helpers.ValueKind == JsonValueKind.Null)
            {
                return (unitId, null, null);
            }

            return helpers.ValueKind == JsonValueKind.Array && helpers.EnumerateArray().All(h => h.ValueKind == JsonValueKind.String)
                ? (unitId, [.. helpers.EnumerateArray().Select(h => h.GetString()!)], null)
                : (null, null, "assisting must be an array of unit ids");
        }
        catch (JsonException ex)
        {
            return (null, null, $"invalid JSON: {ex.Message.Split(" Path:")[0]}");
        }
    }

}
