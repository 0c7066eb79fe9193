using System.Text;
using CommandCenter.Feeds.Http;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Feeds.Reference;

namespace CommandCenter.Web.Reference;

/// <summary>
/// The reference data over HTTP, for an admin of the whole tree (scripts, and the checks of <c>/admin/reference</c>):
/// <c>GET /api/reference</c> (what is in force), <c>GET /api/reference/files/{name}</c> (a file as in force),
/// <c>POST /api/reference/preview</c> and <c>POST /api/reference/import</c> with the changed files as multipart form
/// files, each under its reference name. An import answers 200 with what changed; a set with problems 422 naming each
/// (file and line or JSON path as the field); one that strands open orders 409 naming them.
/// </summary>
public static class ReferenceEndpoints
{
    public static void MapReferenceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/reference").RequireAuthorization().DisableAntiforgery();
        api.MapGet("", (HttpContext http, ReferenceBook book) =>
        {
            if (!ReferenceImports.MayImport(http.User, book))
            {
                return Forbidden();
            }

            var e = book.Current;
            return Results.Json(new
            {
                digest = e.Digest,
                jurisdictions = e.Data.Tree.Count,
                outlines = e.Outlines.Count,
                locatableGrids = e.Locator.Count,
                departments = e.Data.Departments.Count,
                units = e.Data.Units.Count,
                categories = e.Data.Categories.All.Count(),
                slaRules = e.Data.Sla.Rules.Count,
                calendarYears = e.Data.CalendarDays.Select(d => d.Date.Year).Distinct().Order().ToList(),
                files = e.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new { name = f.Key, bytes = Encoding.UTF8.GetByteCount(f.Value) }),
            });
        });
        api.MapGet("/files/{name}", (HttpContext http, string name, ReferenceBook book) =>
            !ReferenceImports.MayImport(http.User, book) ? Forbidden()
            : book.Current.Files.TryGetValue(name, out var text)
                ? Results.Text(text, name.EndsWith(".geojson", StringComparison.Ordinal) ? "application/geo+json" : "text/csv", Encoding.UTF8)
                : ApiProblem.Field(404, "name", $"no reference file '{name}'"));
        api.MapPost("/preview", async (HttpContext http, ReferenceBook book, ReferenceImports imports) =>
        {
            if (!ReferenceImports.MayImport(http.User, book))
            {
                return Forbidden();
            }

            var (files, error) = await ReadUploadAsync(http);
            return error ?? Results.Json(Shape(imports.Preview(files!)));
        });
        api.MapPost("/import", async (HttpContext http, ReferenceBook book, ReferenceImports imports) =>
        {
            if (!ReferenceImports.MayImport(http.User, book))
            {
                return Forbidden();
            }

            var (files, error) = await ReadUploadAsync(http);
            if (error is not null)
            {
                return error;
            }

            var (preview, applied) = await imports.ApplyAsync(http.User, files!, http.RequestAborted);
            return applied ? Results.Json(Shape(preview))
                : preview.Problems.Count > 0 ? ApiProblem.Of(422, "The reference files are not valid; nothing was imported",
                    [.. preview.Problems.Select(p => new IngestViolation($"{p.File}:{p.Where}", p.Rule))])
                : preview.StrandedOrders.Count > 0 ? ApiProblem.Of(409, "Open work orders use what the import removes; nothing was imported",
                    [.. preview.StrandedOrders.Select(s => new IngestViolation("workOrders", s))])
                : ApiProblem.Field(409, "files", "the files change nothing: this reference data is already in force");
        });
    }

    /// <summary>The multipart files by name, read as UTF-8 text; a clear problem for anything else.</summary>
    private static async Task<(Dictionary<string, string>? Files, IResult? Error)> ReadUploadAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, ApiProblem.Field(415, "body", "send the changed files as multipart/form-data, each file under its reference name"));
        }

        if (http.Request.ContentLength > ReferenceImports.MaxBytes)
        {
            return (null, ApiProblem.Field(413, "body", $"an import carries at most {ReferenceImports.MaxBytes / 1024 / 1024} MB"));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form.Files.Count == 0)
        {
            return (null, ApiProblem.Field(400, "files", "no file in the upload"));
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in form.Files)
        {
            var name = Path.GetFileName(file.FileName);
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            try
            {
                files[name] = await reader.ReadToEndAsync(http.RequestAborted);
            }
            catch (DecoderFallbackException)
            {
                return (null, ApiProblem.Field(422, name, "the file is not UTF-8 text"));
            }
        }

        return (files, null);
    }

    private static object Shape(ReferencePreview p) => new
    {
        canApply = p.CanApply,
        currentDigest = p.CurrentDigest,
        digest = p.Digest,
        problems = p.Problems.Select(x => new { file = x.File, where = x.Where, rule = x.Rule }),
        strandedOrders = p.StrandedOrders,
        changes = p.Changes.Select(c => new { file = c.File, added = c.Added, removed = c.Removed, addedRows = c.AddedRows, removedRows = c.RemovedRows }),
    };

    private static IResult Forbidden() =>
        ApiProblem.Field(403, "role", "only an admin of the whole jurisdiction tree manages the reference data");
}
