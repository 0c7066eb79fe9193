using System.Net;
using System.Text;
using System.Text.Json;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Ingest;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommandCenter.Web.Tests.Api;

/// <summary>
/// Every REST, ingest and hub error answers in one shape: application/problem+json with type, title, status, detail and
/// errors (a list of {field, rule}), whoever produced it; Open311 keeps its specification's [{code, description}].
/// </summary>
public sealed class ProblemShapeTests : IAsyncLifetime
{
    private readonly IngestApp _app = new();

    public async Task InitializeAsync() => await _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_error_of_the_api_ingest_and_hub_has_the_one_shape()
    {
        using var anonymous = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var commander = await _app.SignedInAsync("commander");
        using var wall = await _app.SignedInAsync("wall-01", Web.Security.DemoAccounts.WallToken, device: true);
        using var admin = await _app.SignedInAsync("admin");
        using var feed = _app.Feed();
        var answers = new List<(string What, HttpResponseMessage Response, int Status, string? Field)>
        {
            ("no session", await anonymous.GetAsync(Relative("/api/kpis")), 401, null),
            ("no session, hub", await anonymous.PostAsync(Relative("/hubs/wall/negotiate?negotiateVersion=1"), null), 401, null),
            ("role", await wall.GetAsync(Relative("/api/kpis")), 403, null),
            ("bad scope", await commander.GetAsync(Relative("/api/kpis?scope=12")), 400, "scope"),
            ("unknown scope", await commander.GetAsync(Relative("/api/kpis?scope=999999")), 404, "scope"),
            ("unknown order", await commander.GetAsync(Relative("/api/incidents/NOPE-1")), 404, "id"),
            ("unknown route", await commander.GetAsync(Relative("/api/nothing-here")), 404, null),
            ("wrong method", await commander.DeleteAsync(Relative("/api/kpis")), 405, null),
            ("bad limit", await admin.GetAsync(Relative("/api/ingest/dead-letters?limit=lots")), 400, "limit"),
            ("bad briefing window", await commander.GetAsync(Relative("/api/briefing?from=yesterday")), 400, "from"),
            ("dispatch without key", await commander.PostAsync(Relative($"/api/incidents/{Security.SecuredApp.OrderA}/dispatch"), Json("{}")), 400, "Idempotency-Key"),
            ("ingest without key", await anonymous.PostAsync(Relative("/api/ingest/tickets"), Json("{}")), 401, "X-Api-Key"),
            ("ingest not json", await feed.PostAsync(Relative("/api/ingest/tickets"), new StringContent("id=1", Encoding.UTF8, "text/plain")), 415, null),
            ("ingest invalid", await feed.PostAsync(Relative("/api/ingest/tickets"), Json("""{"id":"T-1"}""")), 422, null),
            ("ingest unknown feed", await feed.PostAsync(Relative("/api/ingest/weather"), Json("{}")), 404, null),
        };

        foreach (var (what, response, status, field) in answers)
        {
            Assert.True(status == (int)response.StatusCode, $"{what}: {(int)response.StatusCode}, expected {status}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{what}: {response.Content.Headers.ContentType?.MediaType ?? "no body type"}");
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(status == problem.GetProperty("status").GetInt32(), what);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), what);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), what);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()), what);
            var errors = problem.GetProperty("errors").EnumerateArray().ToList();
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("rule").GetString()), what));
            if (field is not null)
            {
                Assert.True(errors.Any(e => e.GetProperty("field").GetString() == field), $"{what}: no error names '{field}'");
            }
        }
    }

    [Fact]
    public async Task Open311_keeps_the_errors_its_specification_mandates()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync(Relative("/open311/v2/requests.json"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = IngestApp.ApiKey, ["service_code"] = "00000",
        }));

        Assert.False(response.IsSuccessStatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.All(errors.EnumerateArray(), e => Assert.True(e.TryGetProperty("code", out _) && e.TryGetProperty("description", out _)));
    }

    private static Uri Relative(string path) => new(path, UriKind.Relative);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
