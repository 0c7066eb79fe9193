using System.Net;
using System.Text.Json;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Briefings;

/// <summary><c>GET /api/briefing</c>: JSON to view, CSV to export, each only for roles that may and only within the caller's jurisdiction.</summary>
public sealed class BriefingApiTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();

    public async Task InitializeAsync()
    {
        await _app.WithOrdersAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_analyst_views_and_exports_the_district_briefing_of_today()
    {
        using var analyst = await _app.SignedInAsync("analyst");

        var json = JsonDocument.Parse(await analyst.GetStringAsync(new Uri("/api/briefing", UriKind.Relative))).RootElement;
        var csv = await analyst.GetAsync(new Uri("/api/briefing?from=2026-11-23&to=2026-11-23&format=csv", UriKind.Relative));

        Assert.Equal("320505", json.GetProperty("scope").GetString());
        Assert.Equal(2, json.GetProperty("reported").GetInt32());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("briefing-320505-20261123-20261123.csv", csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("受理,2", text, StringComparison.Ordinal);
        Assert.Contains("办结率,—,0,0", text, StringComparison.Ordinal);
        Assert.Contains("狮山横塘街道,1,0,0,0", text, StringComparison.Ordinal);
        Assert.Equal(1, await _app.AuditCountAsync("analyst", "briefing.exported"));
    }

    [Fact]
    public async Task The_commander_views_but_may_not_export_and_the_wall_display_neither()
    {
        using var commander = await _app.SignedInAsync("commander");
        using var wall = await _app.SignedInAsync("wall-01", CommandCenter.Web.Security.DemoAccounts.WallToken, device: true);

        Assert.Equal(HttpStatusCode.OK, (await commander.GetAsync(new Uri("/api/briefing", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.GetAsync(new Uri("/api/briefing?format=csv", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await wall.GetAsync(new Uri("/api/briefing", UriKind.Relative))).StatusCode);
        Assert.Equal(1, await _app.AuditCountAsync("commander", "access.denied"));
    }

    [Theory]
    [InlineData("/api/briefing?from=yesterday", "from")]
    [InlineData("/api/briefing?from=2026-11-23&to=2026-11-20", "to")]
    [InlineData("/api/briefing?from=2024-01-01&to=2026-11-23", "to")]
    [InlineData("/api/briefing?format=xml", "format")]
    [InlineData("/api/briefing?scope=12", "scope")]
    public async Task A_bad_parameter_is_named(string path, string field)
    {
        using var analyst = await _app.SignedInAsync("analyst");

        var response = await analyst.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
