using System.Net;
using System.Text.Json;
using CommandCenter.Web.Tests.Host;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// An operator of 狮山横塘街道 (street A) tries to read, list and subscribe to 枫桥街道's (street B) orders through the
/// pages and the REST API: every attempt is refused as not found and audited; the same requests for street A work.
/// </summary>
public sealed class JurisdictionMatrixTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();
    private HttpClient _operatorA = default!;

    public async Task InitializeAsync()
    {
        await _app.WithOrdersAsync();
        _operatorA = await _app.SignedInAsync("op-shishan");
    }

    public async Task DisposeAsync()
    {
        _operatorA.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Street_A_operator_is_refused_everything_of_street_B_and_granted_street_A()
    {
        // Pages: street B's wall and the district wall look like walls that do not exist.
        foreach (var wall in new[] { "street-fengqiao", "district-command" })
        {
            var html = await _operatorA.GetStringAsync(new Uri($"/wall/{wall}", UriKind.Relative));
            Assert.Contains($"no layout &#x27;{wall}&#x27;", html, StringComparison.Ordinal);
            Assert.DoesNotContain("枫桥菜场占道经营", html, StringComparison.Ordinal);
            Assert.DoesNotContain("wall/street-fengqiao\"", html, StringComparison.Ordinal);
        }

        var own = await _operatorA.GetStringAsync(new Uri("/wall/street-shishan", UriKind.Relative));
        Assert.Contains("狮山横塘街道联动分中心", own, StringComparison.Ordinal);
        Assert.Contains("狮山路口暴露垃圾", own, StringComparison.Ordinal);
        Assert.DoesNotContain("枫桥菜场占道经营", own, StringComparison.Ordinal);

        // REST: B's scope, B's order and the district answer 404 naming the field.
        foreach (var path in new[] { "/api/incidents?scope=320505002", "/api/incidents/" + SecuredApp.OrderB, "/api/kpis?scope=320505002", "/api/kpis?scope=320505" })
        {
            var response = await _operatorA.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Export: street B's briefing is as unknown as its orders.
        var export = await _operatorA.GetAsync(new Uri("/api/briefing?scope=320505002&format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);

        // Act: dispatching B's order answers as if it did not exist.
        using var dispatch = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{SecuredApp.OrderB}/dispatch");
        dispatch.Headers.Add("Idempotency-Key", "matrix-dialog-1");
        Assert.Equal(HttpStatusCode.NotFound, (await _operatorA.SendAsync(dispatch)).StatusCode);

        var ownExport = await _operatorA.GetAsync(new Uri("/api/briefing?scope=320505001&format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ownExport.StatusCode);
        var csv = await ownExport.Content.ReadAsStringAsync();
        Assert.Contains("狮山横塘街道", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("枫桥", csv, StringComparison.Ordinal);

        var list = await Json("/api/incidents");
        Assert.Equal("320505001", list.GetProperty("scope").GetString());
        Assert.Equal([SecuredApp.OrderA], list.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(SecuredApp.OrderA, (await Json("/api/incidents/" + SecuredApp.OrderA)).GetProperty("id").GetString());
        Assert.Equal(1, (await Json("/api/kpis?scope=320505001")).GetProperty("counts").GetProperty("totalToday").GetInt32());

        Assert.Equal(8, await _app.AuditCountAsync("op-shishan", "access.denied"));
        Assert.Equal(1, await _app.AuditCountAsync("op-shishan", "briefing.exported"));
    }

    [Fact]
    public async Task The_district_commander_sees_both_streets()
    {
        using var commander = await _app.SignedInAsync("commander");
        var response = await commander.GetStringAsync(new Uri("/api/incidents", UriKind.Relative));
        using var doc = JsonDocument.Parse(response);
        Assert.Equal(2, doc.RootElement.GetProperty("incidents").GetArrayLength());
    }

    [Fact]
    public async Task Bad_scope_and_bucket_are_named()
    {
        var response = await _operatorA.GetAsync(new Uri("/api/incidents?scope=abc&bucket=open", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("scope", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bucket = await _operatorA.GetAsync(new Uri("/api/incidents?bucket=closed-ish", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bucket.StatusCode);
        Assert.Contains("unknown bucket", await bucket.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_session_pages_ask_to_sign_in_and_the_api_answers_401()
    {
        using var anonymous = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await anonymous.GetAsync(new Uri("/wall/street-shishan", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/login?ReturnUrl=", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/incidents", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_wall_display_identity_sees_the_wall_and_nothing_else()
    {
        using var wall = await _app.SignedInAsync("wall-01", Web.Security.DemoAccounts.WallToken, device: true);
        Assert.Equal(HttpStatusCode.OK, (await wall.GetAsync(new Uri("/wall/district-command", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await wall.GetAsync(new Uri("/api/incidents", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await wall.GetAsync(new Uri("/admin/audit", UriKind.Relative))).StatusCode);

        // A device token is not a password: the wall identity cannot use the people's sign-in, nor people the device one.
        using var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Contains("error", (await client.PostSignInAsync("wall-01", Web.Security.DemoAccounts.WallToken)).Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("error", (await client.PostSignInAsync("commander", Web.Security.DemoAccounts.Password, device: true)).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> Json(string path)
    {
        var response = await _operatorA.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
