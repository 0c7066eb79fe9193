using System.Text.Json;
using CommandCenter.Web.Dispatch;

namespace CommandCenter.Web.Api;

/// <summary>
/// <c>POST /api/incidents/{id}/dispatch</c> with an <c>Idempotency-Key</c> header (one per dispatch dialog) and an optional
/// body <c>{"unitId": "…"}</c> to choose another unit than the recommended one. Any signed-in user may call it; the
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
            var (unitId, bodyError) = await ReadUnitAsync(http);
            if (bodyError is not null)
            {
                return IncidentEndpoints.Problem(400, "body", bodyError);
            }

            var outcome = await dispatch.DispatchAsync(http.User, id, http.Request.Headers[IdempotencyHeader], unitId, "api", http.RequestAborted);
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

    private static async Task<(string? UnitId, string? Error)> ReadUnitAsync(HttpContext http)
    {
        const int Limit = 4096;
        if (http.Request.ContentLength > Limit)
        {
            return (null, "the body must be at most 4 KiB");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Limit)
            {
                return (null, "the body must be at most 4 KiB");
            }
        }

        if (buffer.Length == 0)
        {
            return (null, null); // no body: the recommended unit
        }

        try
        {
            using var body = JsonDocument.Parse(buffer.ToArray());
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "the body must be a JSON object such as {\"unitId\": \"U-001-city\"}");
            }

            if (!body.RootElement.TryGetProperty("unitId", out var unit) || unit.ValueKind == JsonValueKind.Null)
            {
                return (null, null);
            }

            return unit.ValueKind == JsonValueKind.String ? (unit.GetString(), null) : (null, "unitId must be a string");
        }
        catch (JsonException ex)
        {
            return (null, $"invalid JSON: {ex.Message.Split(" Path:")[0]}");
        }
    }

}
