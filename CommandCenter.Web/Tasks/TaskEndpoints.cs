using System.Text.Json;
using CommandCenter.Domain.GridMembers;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Api;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;

namespace CommandCenter.Web.Tasks;

/// <summary>
/// Grid members' tasks over REST. A member's app reads its tasks with <c>GET /api/tasks?member=</c> and completes one with
/// <c>POST /api/tasks/{id}/done</c>, each with its own key in <c>X-Member-Key</c>: a key opens its member's tasks only. A
/// signed-in user of the center reads the tasks of its jurisdiction (optionally one member's); a whole-tree admin reads a
/// member's key to set up the app (<c>GET /api/tasks/key?member=</c>, audited).
/// </summary>
public static class TaskEndpoints
{
    public static void MapTaskApi(this WebApplication app)
    {
        app.MapGet("/api/tasks", async (HttpContext http, string? member, LiveSituation live, MemberKeys keys, ScopeGuard guard,
            Feeds.Reference.ReferenceBook reference) =>
        {
            if (http.Request.Headers.ContainsKey(MemberKeys.Header))
            {
                if (string.IsNullOrWhiteSpace(member) || !keys.Opens(member, http.Request.Headers[MemberKeys.Header]))
                {
                    return Unauthorized(keys);
                }

                return Results.Json(new { member, tasks = live.TasksOf(member).Select(Message) }, IncidentEndpoints.Json);
            }

            if (http.User.Identity?.IsAuthenticated != true || !http.User.Can(Permission.ReadApi))
            {
                return Unauthorized(keys);
            }

            var scope = await guard.ResolveAsync(http.User, null, "api/tasks", http.RequestAborted);
            if (scope is null)
            {
                return IncidentEndpoints.Problem(404, "scope", "no jurisdiction");
            }

            if (member is not null && reference.Current.Data.FindMember(member) is null)
            {
                return IncidentEndpoints.Problem(404, "member", $"no grid member '{member}'");
            }

            var tasks = live.Tasks(scope.Value).Where(t => member is null || t.MemberId == member);
            return Results.Json(new { scope = scope.Value.Value, tasks = tasks.Select(Message) }, IncidentEndpoints.Json);
        }).AllowAnonymous();

        app.MapPost("/api/tasks/{id}/done", async (HttpContext http, string id, LiveSituation live, MemberKeys keys, GridTaskService tasks) =>
        {
            var task = live.FindTask(id);
            if (task is null || !keys.Opens(task.MemberId, http.Request.Headers[MemberKeys.Header]))
            {
                // The same answer for a task that is not there and one that is not the key's: a key learns nothing of others.
                return task is null && keys.Configured && http.Request.Headers.ContainsKey(MemberKeys.Header)
                    ? IncidentEndpoints.Problem(404, "id", $"no task '{id}'")
                    : Unauthorized(keys);
            }

            var (result, bodyError) = await ReadResultAsync(http);
            if (bodyError is not null)
            {
                return IncidentEndpoints.Problem(400, "body", bodyError);
            }

            if (await tasks.CompleteAsync(task.MemberId, id, result, http.RequestAborted) is { } problem)
            {
                return IncidentEndpoints.Problem(problem.Status, problem.Field, problem.Problem);
            }

            return Results.Json(new { id, member = task.MemberId, done = true }, IncidentEndpoints.Json, statusCode: 202);
        }).AllowAnonymous().DisableAntiforgery();

        app.MapGet("/api/tasks/key", async (HttpContext http, string? member, MemberKeys keys, ScopeGuard guard, Feeds.Reference.ReferenceBook reference,
            Storage.IAuditLog audit) =>
        {
            if (!http.User.Can(Permission.Administer) || !AdminScope.SeesAll(http.User, reference.Current.Data.Tree))
            {
                await guard.DeniedAsync(http.User, "api/tasks/key", "only an admin of the whole tree reads members' keys", http.RequestAborted);
                return IncidentEndpoints.Problem(403, "role", "only an admin of the whole tree reads members' keys");
            }

            if (member is null || reference.Current.Data.FindMember(member) is null)
            {
                return IncidentEndpoints.Problem(404, "member", $"no grid member '{member}'");
            }

            if (keys.KeyOf(member) is not { } key)
            {
                return IncidentEndpoints.Problem(503, "Tasks:KeySecret", "no key secret is configured (at least 32 characters)");
            }

            await audit.AppendAuditAsync(new Domain.Audit.AuditRecord(http.User.Id(), "grid-task.key", member, "member key read"), http.RequestAborted);
            return Results.Json(new { member, key, header = MemberKeys.Header }, IncidentEndpoints.Json);
        }).RequireAuthorization();
    }

    private static IResult Unauthorized(MemberKeys keys) => keys.Configured
        ? IncidentEndpoints.Problem(401, MemberKeys.Header, "must be the key of the member whose tasks these are (or sign in)")
        : IncidentEndpoints.Problem(401, MemberKeys.Header, "members' keys are not configured here (Tasks:KeySecret); sign in instead");

    private static object Message(GridTask t) => new
    {
        id = t.Id, kind = t.Kind, name = GridTask.NameOf(t.Kind), member = t.MemberId, scope = t.Scope.Value, title = t.Title,
        workOrderId = t.WorkOrderId, alarmId = t.AlarmId, note = t.Note, assignedAt = t.AssignedAt, doneAt = t.DoneAt, result = t.Result,
    };

    private static async Task<(string? Result, string? Error)> ReadResultAsync(HttpContext http)
    {
        if (http.Request.ContentLength is > 4096)
        {
            return (null, "the body must be at most 4 KiB");
        }

        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (text.Length > 4096)
        {
            return (null, "the body must be at most 4 KiB");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            using var body = JsonDocument.Parse(text);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("result", out var result)
                ? result.ValueKind switch
                {
                    JsonValueKind.String => (result.GetString(), null),
                    JsonValueKind.Null => (null, null),
                    _ => (null, "result must be a string"),
                }
                : body.RootElement.ValueKind == JsonValueKind.Object ? (null, null) : (null, "the body must be a JSON object such as {\"result\": \"属实\"}");
        }
        catch (JsonException ex)
        {
            return (null, $"invalid JSON: {ex.Message.Split(" Path:")[0]}");
        }
    }
}
