using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Reference;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Reference;

/// <summary>
/// An admin imports reference data over HTTP (what <c>/admin/reference</c> does): a bad set imports nothing and names each
/// row; a good one is audited, logged, and in force on the wall and the dispatch desk without a restart; removing what
/// open orders use is refused; only an admin of the whole tree imports.
/// </summary>
public sealed class ReferenceImportTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();
    private HttpClient _admin = default!;
    private ReferenceBook _book = default!;

    public async Task InitializeAsync()
    {
        await _app.WithOrdersAsync();
        _admin = await _app.SignedInAsync("admin");
        _book = _app.Services.GetRequiredService<ReferenceBook>();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_first_start_logs_the_folders_data_as_the_stores()
    {
        await using var connection = await _app.Store.OpenAsync(CancellationToken.None);
        var (source, kind) = await Dapper.SqlMapper.QuerySingleAsync<(string, string)>(connection, "SELECT source, kind FROM feed_events ORDER BY seq LIMIT 1");

        Assert.Equal(("reference", "ReferenceImported"), (source, kind));
        var summary = JsonDocument.Parse(await _admin.GetStringAsync(new Uri("/api/reference", UriKind.Relative))).RootElement;
        Assert.Equal(_book.Current.Digest, summary.GetProperty("digest").GetString());
        Assert.Equal(840, summary.GetProperty("locatableGrids").GetInt32());
    }

    [Fact]
    public async Task A_set_with_a_bad_row_imports_nothing_and_names_file_line_and_rule()
    {
        var before = _book.Current.Digest;
        var units = _book.Current.Files["units.csv"] + "U-new,新单位,traffic,320505001,,\n";
        var dispatch = _book.Current.Files["dispatch.csv"] + "09010,water,\n";

        var preview = await PostAsync("/api/reference/preview", ("units.csv", units), ("dispatch.csv", dispatch));
        var import = await PostAsync("/api/reference/import", ("units.csv", units), ("dispatch.csv", dispatch));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var problems = JsonDocument.Parse(await preview.Content.ReadAsStringAsync()).RootElement.GetProperty("problems");
        Assert.Equal(2, problems.GetArrayLength());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, import.StatusCode);
        var errors = JsonDocument.Parse(await import.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        static string LineAfter(string file, string text) => $"{file}:line {text.TrimEnd('\n').Split('\n').Length}"; // the row appended
        Assert.Equal([LineAfter("dispatch.csv", dispatch), LineAfter("units.csv", units)], errors.EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("rule").GetString()!.Contains("unknown department 'water'", StringComparison.Ordinal));
        Assert.Equal(before, _book.Current.Digest);
        Assert.Equal(0, await _app.AuditCountAsync("admin", "reference.imported"));
    }

    [Fact]
    public async Task A_good_import_is_audited_and_in_force_on_the_wall_and_the_desk_without_a_restart()
    {
        var live = _app.Services.GetRequiredService<LiveSituation>();
        var files = _book.Current.Files;
        var tree = files["jurisdictions.csv"].Replace("320505001,狮山横塘街道,", "320505001,狮山横塘街道(新),", StringComparison.Ordinal);
        var units = files["units.csv"] + "U-001-water,狮山横塘街道水务站,water,320505001,31.29,120.56\n";
        var departments = files["departments.csv"] + "water,水务\n";
        var dispatch = files["dispatch.csv"].Replace("06,city,env", "06,water,city", StringComparison.Ordinal);

        var preview = JsonDocument.Parse(await (await PostAsync("/api/reference/preview", ("jurisdictions.csv", tree), ("units.csv", units),
            ("departments.csv", departments), ("dispatch.csv", dispatch))).Content.ReadAsStringAsync()).RootElement;
        var import = await PostAsync("/api/reference/import", ("jurisdictions.csv", tree), ("units.csv", units),
            ("departments.csv", departments), ("dispatch.csv", dispatch));

        Assert.True(preview.GetProperty("canApply").GetBoolean());
        Assert.Equal(["departments.csv +1 -0", "dispatch.csv +1 -1", "jurisdictions.csv +1 -1", "units.csv +1 -0"],
            preview.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("file").GetString()} +{c.GetProperty("added").GetInt32()} -{c.GetProperty("removed").GetInt32()}"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var digest = JsonDocument.Parse(await import.Content.ReadAsStringAsync()).RootElement.GetProperty("digest").GetString();
        await live.WaitForAsync(() => _book.Current.Digest == digest, TimeSpan.FromSeconds(30));
        var order = live.CardOf(WorkOrderId.From(SecuredApp.OrderA))!;
        Assert.Equal("狮山横塘街道(新)", order.StreetName);
        var recommended = _app.Services.GetRequiredService<DispatchService>().Recommend(order).Best!.Unit;
        Assert.Equal("U-001-water", recommended.Id);
        Assert.Equal(1, await _app.AuditCountAsync("admin", "reference.imported"));
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("/api/reference/import", ("units.csv", units))).StatusCode); // nothing left to change
    }

    [Fact]
    public async Task Removing_a_grid_or_unit_that_open_orders_use_is_refused_naming_the_orders()
    {
        var grid = "320505001001001";
        var tree = string.Join('\n', _book.Current.Files["jurisdictions.csv"].Split('\n').Where(l => !l.StartsWith(grid, StringComparison.Ordinal)));
        var statistics = _book.Current.Files["statistics.csv"];
        var outlines = _book.Current.Files["outlines.geojson"];
        var withoutGrid = JsonSerializerOutlinesWithout(outlines, grid);

        var members = string.Join('\n', _book.Current.Files["grid-members.csv"].Split('\n').Where(l => !l.Contains($",{grid},", StringComparison.Ordinal)));

        var import = await PostAsync("/api/reference/import", ("jurisdictions.csv", tree), ("outlines.geojson", withoutGrid), ("statistics.csv", statistics),
            ("grid-members.csv", members));

        Assert.Equal(HttpStatusCode.Conflict, import.StatusCode);
        var errors = JsonDocument.Parse(await import.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains($"{SecuredApp.OrderA}: its place {grid}", errors[0].GetProperty("rule").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_of_the_whole_tree_imports()
    {
        var streetAdmin = new Web.Storage.StoredUser("admin-shishan", "狮山管理员", "Admin", "320505001", null, 0, null, 0, 0);
        await _app.Store.Accounts.CreateUserAsync(streetAdmin with { PasswordHash = Web.Security.AccountService.Hash(streetAdmin, "street-admin-secret-1") }, default);
        using var street = await _app.SignedInAsync("admin-shishan", "street-admin-secret-1");
        using var commander = await _app.SignedInAsync("commander");
        var units = _book.Current.Files["units.csv"];

        foreach (var client in new[] { street, commander })
        {
            using var form = Form(("units.csv", units));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(new Uri("/api/reference/import", UriKind.Relative), form)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/api/reference", UriKind.Relative))).StatusCode);
        }
    }

    private static string JsonSerializerOutlinesWithout(string geoJson, string code)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(geoJson)!;
        var features = node["features"]!.AsArray();
        foreach (var f in features.Where(f => f!["properties"]!["code"]!.GetValue<string>() == code).ToList())
        {
            features.Remove(f);
        }

        return node.ToJsonString();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Text)[] files)
    {
        using var form = Form(files);
        return await _admin.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    private static MultipartFormDataContent Form(params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, "files", name);
        }

        return form;
    }
}
