using System.Net;
using System.Text.Json;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>
/// Open311 clients pass the same door as the ingest endpoints: a key bound to a street reads and posts only there, a
/// client without the tickets feed may not post, and every client is held to its rate limit.
/// </summary>
public sealed class Open311ScopeTests : IAsyncLifetime
{
    private const string StreetKey = "shishan-app-key-00001";
    private const string ReaderKey = "read-only-app-key-0001";
    private readonly IngestApp _app = new();

    public async Task InitializeAsync()
    {
        _app.Settings["Ingest:Sources:shishan-app:ApiKey"] = StreetKey;
        _app.Settings["Ingest:Sources:shishan-app:Jurisdictions:0"] = "320505001";
        _app.Settings["Ingest:Sources:reader-app:ApiKey"] = ReaderKey;
        _app.Settings["Ingest:Sources:reader-app:Feeds:0"] = "alarms";
        _app.Settings["Ingest:Burst"] = "30";
        _app.Settings["Ingest:PermitsPerSecond"] = "1";
        await _app.ReadyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_street_key_reads_and_posts_only_in_its_street()
    {
        using var client = _app.CreateClient();
        var fengqiao = await PostAsync(client, IngestApp.ApiKey, "320505002001001"); // an unbound platform, another street
        Assert.Equal(HttpStatusCode.Created, fengqiao.StatusCode);
        var otherStreetsRequest = JsonDocument.Parse(await fengqiao.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString();

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, StreetKey, "320505001001001")).StatusCode);
        var outside = await PostAsync(client, StreetKey, "320505002001001");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("jurisdiction", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Relative($"/open311/v2/requests.json?api_key={StreetKey}&jurisdiction_id=320505001"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Relative($"/open311/v2/requests.json?api_key={StreetKey}&jurisdiction_id=320505"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Relative($"/open311/v2/requests/{otherStreetsRequest}.json?api_key={StreetKey}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Relative($"/open311/v2/requests/{otherStreetsRequest}.json?api_key={IngestApp.ApiKey}"))).StatusCode);

        var notAllowed = await PostAsync(client, ReaderKey, "320505001001001");
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await notAllowed.Content.ReadAsStringAsync()).RootElement.ValueKind);
    }

    [Fact]
    public async Task A_client_over_its_rate_is_answered_429()
    {
        using var client = _app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await client.GetAsync(Relative($"/open311/v2/requests.json?api_key={StreetKey}&jurisdiction_id=320505001"))).StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string grid) =>
        client.PostAsync(Relative("/open311/v2/requests.json"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "06028", ["jurisdiction_id"] = grid, ["description"] = "夜间施工噪声扰民",
        }));

    private static Uri Relative(string path) => new(path, UriKind.Relative);
}
