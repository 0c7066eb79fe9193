using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Web.Tests.Host;
using Dapper;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>Refused inputs are kept in the store (they outlive the process) and admins can read them.</summary>
public sealed class DeadLetterTests : IAsyncLifetime
{
    private readonly IngestApp _app = new();

    public async Task InitializeAsync() => await _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_refused_input_is_stored_with_its_reason_and_shown_to_admins_only()
    {
        using var feed = _app.Feed();
        var refused = await feed.PostAsJsonAsync("/api/ingest/alarms", new { deviceId = "X-1", kind = "volcano", jurisdiction = "320505001" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        await using var connection = await _app.Store.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ingest_dead_letters WHERE feed = 'alarms' AND reason LIKE '%kind: must be one of%'"));

        using var admin = await _app.SignedInAsync("admin");
        var letters = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/ingest/dead-letters?limit=5", UriKind.Relative))).RootElement;
        var letter = Assert.Single(letters.EnumerateArray());
        Assert.Equal(("iot-platform", 422), (letter.GetProperty("source").GetString(), letter.GetProperty("status").GetInt32()));
        Assert.Contains("volcano", letter.GetProperty("raw").GetString(), StringComparison.Ordinal);

        using var analyst = await _app.SignedInAsync("analyst");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(new Uri("/api/ingest/dead-letters", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Posts_with_a_wrong_key_or_signature_write_nothing_to_the_store()
    {
        using var stranger = _app.CreateClient();
        stranger.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key-anyone-was-given");
        for (var i = 0; i < 20; i++)
        {
            var response = await stranger.PostAsJsonAsync("/api/ingest/tickets", new { id = $"X-{i}", description = "伪造工单" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var signed = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/tickets") { Content = JsonContent.Create(new { id = "SIG-1" }) };
        signed.Headers.Add("webhook-id", "msg_1");
        signed.Headers.Add("webhook-timestamp", _app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        signed.Headers.Add("webhook-signature", "v1,bm90IGEgc2lnbmF0dXJl");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.SendAsync(signed)).StatusCode);
        var open311 = await stranger.PostAsync(new Uri("/open311/v2/requests.json", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = "wrong", ["service_code"] = "06028" }));
        Assert.Equal(HttpStatusCode.Unauthorized, open311.StatusCode);

        await using var connection = await _app.Store.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ingest_dead_letters"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM feed_events WHERE source <> 'reference'"));
    }
}
