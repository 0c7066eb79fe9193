using CommandCenter.Domain.Duty;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace CommandCenter.Web.Duty;

/// <summary>The roster page's forms: <c>/admin/roster/add</c> (one shift) and <c>/admin/roster/import</c> (a CSV file).</summary>
public static class RosterEndpoints
{
    /// <summary>The one-line roster's fields, in the roster file's column order.</summary>
    private static readonly string[] RosterFields = ["jurisdiction", "start", "end", "leader", "leaderPhone", "members"];

    public const int MaxFileBytes = 512 * 1024;

    public static void MapRoster(this WebApplication app)
    {
        var roster = app.MapGroup("/admin/roster").RequireAuthorization(nameof(Permission.Administer)).DisableAntiforgery();
        roster.MapPost("/add", async (HttpContext http, IAntiforgery antiforgery, RosterService service, Feeds.Reference.ReferenceBook reference) =>
        {
            var tree = reference.Current.Data.Tree;
            await antiforgery.ValidateRequestAsync(http);
            var f = await http.Request.ReadFormAsync(http.RequestAborted);
            // One shift is a one-line roster: the same rules and messages as a file.
            var line = string.Join(',', RosterFields.Select(k => f[k].ToString().Replace(",", "，", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')));
            return await PostAsync(http, service, RosterCsv.Parse($"{RosterCsv.Header}\n{line}", tree), "admin/roster/add", single: true);
        });
        roster.MapPost("/import", async (HttpContext http, IAntiforgery antiforgery, RosterService service, Feeds.Reference.ReferenceBook reference) =>
        {
            var tree = reference.Current.Data.Tree;
            await antiforgery.ValidateRequestAsync(http);
            var f = await http.Request.ReadFormAsync(http.RequestAborted);
            if (f.Files.GetFile("file") is not { Length: > 0 } file)
            {
                return Back(error: "file: choose a CSV file");
            }

            if (file.Length > MaxFileBytes)
            {
                return Back(error: $"file: at most {MaxFileBytes / 1024} KiB");
            }

            using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8);
            var text = await reader.ReadToEndAsync(http.RequestAborted);
            return await PostAsync(http, service, RosterCsv.Parse(text, tree), "admin/roster/import", single: false);
        });
    }

    private static async Task<IResult> PostAsync(HttpContext http, RosterService service,
        (IReadOnlyList<DutyShift> Shifts, IReadOnlyList<RosterProblem> Problems) parsed, string via, bool single)
    {
        if (parsed.Problems.Count > 0)
        {
            var problems = parsed.Problems.Take(10).Select(p => single ? p.Problem : $"line {p.Line}: {p.Problem}");
            return Back(error: string.Join("; ", problems) + (parsed.Problems.Count > 10 ? $" (and {parsed.Problems.Count - 10} more)" : ""));
        }

        if (parsed.Shifts.Count == 0)
        {
            return Back(error: "file: no shifts in it");
        }

        var error = await service.PostAsync(http.User, parsed.Shifts, via, http.RequestAborted);
        return error is null ? Back(done: $"已发布 {parsed.Shifts.Count} 个班次") : Back(error: error);
    }

    private static IResult Back(string? error = null, string? done = null) => Results.Redirect(error is null
        ? $"/admin/roster?done={Uri.EscapeDataString(done ?? "")}"
        : $"/admin/roster?error={Uri.EscapeDataString(error)}");
}
