using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommandCenter.Web.Tests.Hubs;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Web.Tests.Health;

/// <summary><c>/metrics</c>: served with the key (or to the configured addresses) only, and carrying the product's measurements.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private const string Key = "metrics-scrape-key-0123456789";
    private const string SourceKey = "metrics-test-source-key-0123456789";
    private readonly SecuredApp _app = new();

    public async Task InitializeAsync()
    {
        _app.Settings["Metrics:Key"] = Key;
        _app.Settings["Ingest:Sources:hotline:ApiKey"] = SourceKey;
        await _app.WithOrdersAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Without_the_key_there_is_nothing_there_and_with_it_the_products_measurements_are()
    {
        using var anonymous = _app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-metrics-key");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(wrong)).StatusCode);

        using var feed = _app.CreateClient();
        feed.DefaultRequestHeaders.Add("X-Api-Key", SourceKey);
        Assert.Equal(HttpStatusCode.Accepted, (await feed.PostAsJsonAsync("/api/ingest/tickets", new
        {
            source = "hotline12345", kind = "complaint", category = "06028", description = "指标测试:夜间施工噪声", jurisdiction = "320505001001001",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await feed.PostAsJsonAsync("/api/ingest/tickets", new { source = "fax" })).StatusCode);
        await using var hub = await HubClients.ConnectAsync(_app, "commander");
        await hub.InvokeAsync<Web.Hubs.WallSnapshotMessage>(nameof(Web.Hubs.WallHub.Subscribe), "320505");

        var text = await ScrapeAsync(anonymous);

        Assert.Contains(Line(text, "commandcenter_ingest_received", "feed=\"tickets\""), l => Value(l) >= 2);
        Assert.Contains(Line(text, "commandcenter_ingest_refused", "status=\"422\""), l => Value(l) >= 1);
        Assert.Contains(Line(text, "commandcenter_events_stored", "kind=\"WorkOrderReported\""), l => Value(l) >= 1);
        Assert.Contains(Line(text, "commandcenter_store_batch_duration", "stage=\"log\""), l => l.Contains("_count", StringComparison.Ordinal) && Value(l) >= 1);
        Assert.Contains(Line(text, "commandcenter_hub_clients", ""), l => Value(l) >= 1);
        Assert.Contains("microsoft_aspnetcore_hosting_http_server_request_duration", text, StringComparison.Ordinal); // ASP.NET Core's own
        Assert.Contains("process_cpu_seconds_total", text, StringComparison.Ordinal);    // the runtime's
    }

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::ffff:127.0.0.1", null, true)]
    [InlineData("10.1.2.3", null, true)]
    [InlineData("10.2.0.1", null, false)]
    [InlineData("192.0.2.7", "Bearer " + Key, true)]
    [InlineData("192.0.2.7", "Bearer wrong-key-wrong-key", false)]
    [InlineData("192.0.2.7", Key, false)]
    public void Only_the_configured_addresses_and_the_key_are_served(string remote, string? authorization, bool served)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        var options = new Web.Health.MetricsOptions { AllowedAddresses = ["127.0.0.1", "10.1.0.0/16"], Key = Key };
        Assert.Equal(served, Web.Health.MetricsEndpoint.Allowed(context, options));
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static IEnumerable<string> Line(string text, string name, string label) =>
        text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));

    private static double Value(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
