using System.Net;
using System.Text.Json;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>Open311 GeoReport v2: services, a new request becoming a work order, and its status.</summary>
public sealed class Open311Tests : IAsyncLifetime
{
    private readonly IngestApp _app = new();
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        await _app.ReadyAsync();
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_citizen_request_becomes_a_work_order_whose_status_can_be_read()
    {
        var services = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/open311/v2/services.json", UriKind.Relative))).RootElement;
        Assert.Contains(services.EnumerateArray(), s => s.GetProperty("service_code").GetString() == "06028" && s.GetProperty("service_name").GetString() == "噪声扰民");

        var posted = await _client.PostAsync(new Uri("/open311/v2/requests.json", UriKind.Relative), Form(new()
        {
            ["api_key"] = IngestApp.ApiKey, ["service_code"] = "06028", ["jurisdiction_id"] = "320505001001001", ["lat"] = "31.30", ["long"] = "120.56",
            ["address_string"] = "幸福路3号", ["description"] = "夜间施工噪声扰民", ["first_name"] = "张", ["phone"] = "13800000000",
        }));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        var live = _app.Services.GetRequiredService<LiveSituation>();
        await live.WaitForAsync(() => live.CardOf(WorkOrderId.From(id)) is not null, TimeSpan.FromSeconds(10));
        Assert.Equal(WorkOrderSource.CitizenQrCode, live.CardOf(WorkOrderId.From(id))!.Source);

        var one = JsonDocument.Parse(await _client.GetStringAsync(new Uri($"/open311/v2/requests/{id}.json?api_key={IngestApp.ApiKey}", UriKind.Relative))).RootElement[0];
        Assert.Equal(("open", "06028", "夜间施工噪声扰民"), (one.GetProperty("status").GetString(), one.GetProperty("service_code").GetString(), one.GetProperty("description").GetString()));
        Assert.Equal(31.30, one.GetProperty("lat").GetDouble());
        var list = JsonDocument.Parse(await _client.GetStringAsync(new Uri($"/open311/v2/requests.json?api_key={IngestApp.ApiKey}&jurisdiction_id=320505&status=open", UriKind.Relative))).RootElement;
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == id);
        Assert.DoesNotContain("13800000000", list.ToString(), StringComparison.Ordinal); // no citizen's phone goes out
    }

    [Fact]
    public async Task A_request_with_lat_and_long_and_no_jurisdiction_lands_in_the_community_its_point_lies_in()
    {
        var community = TestReference.District.Communities[42];
        var at = community.Centre;

        var posted = await _client.PostAsync(new Uri("/open311/v2/requests.json", UriKind.Relative), Form(new()
        {
            ["api_key"] = IngestApp.ApiKey, ["service_code"] = "06010", ["description"] = "路边垃圾堆放",
            ["lat"] = at.Latitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["long"] = at.Longitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        }));
        var outside = await _client.PostAsync(new Uri("/open311/v2/requests.json", UriKind.Relative), Form(new()
        {
            ["api_key"] = IngestApp.ApiKey, ["service_code"] = "06010", ["description"] = "北京的垃圾", ["lat"] = "39.9042", ["long"] = "116.4074",
        }));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = WorkOrderId.From(JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!);
        var live = _app.Services.GetRequiredService<LiveSituation>();
        await live.WaitForAsync(() => live.CardOf(id) is not null, TimeSpan.FromSeconds(10));
        Assert.True(community.Code.Contains(live.CardOf(id)!.Scope), $"placed in {live.CardOf(id)!.Scope}, not in {community.Name}");
        Assert.Equal(community.Name, live.CardOf(id)!.CommunityName);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.StartsWith("lat/long: (39.9042, 116.4074) lies outside every grid of 虎丘区",
            JsonDocument.Parse(await outside.Content.ReadAsStringAsync()).RootElement[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("service_code", "99999", 400, "service_code: ")]
    [InlineData("jurisdiction_id", "110101", 400, "jurisdiction_id: ")]
    [InlineData("lat", "131.3", 400, "lat: ")]
    [InlineData("api_key", "wrong", 401, "api_key: ")]
    public async Task A_bad_parameter_is_named_in_open311_form(string field, string value, int status, string named)
    {
        var form = new Dictionary<string, string>
        {
            ["api_key"] = IngestApp.ApiKey, ["service_code"] = "06028", ["jurisdiction_id"] = "320505001001001", ["lat"] = "31.30", ["long"] = "120.56",
            ["description"] = "噪声",
        };
        form[field] = value;

        var response = await _client.PostAsync(new Uri("/open311/v2/requests.json", UriKind.Relative), Form(form));

        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(status, error.GetProperty("code").GetInt32());
        Assert.StartsWith(named, error.GetProperty("description").GetString(), StringComparison.Ordinal);
        // A known client's refusal is kept for its operators; an unauthenticated one writes nothing.
        Assert.Equal(status == 401 ? 0 : 1, (await _app.Services.GetRequiredService<CommandCenter.Feeds.Ingest.IIngestDeadLetters>().RecentAsync(10, default)).Count);
    }

    [Fact]
    public async Task An_unknown_request_is_not_found()
    {
        var response = await _client.GetAsync(new Uri($"/open311/v2/requests/NOPE-1.json?api_key={IngestApp.ApiKey}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Discovery_and_a_service_definition_are_served_as_the_spec_defines()
    {
        var discovery = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/open311/v2/discovery.json", UriKind.Relative))).RootElement;
        var endpoint = discovery.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith("/open311/v2", endpoint.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(["application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));

        var service = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/open311/v2/services/06028.json", UriKind.Relative))).RootElement;
        Assert.Equal(("06028", 0), (service.GetProperty("service_code").GetString(), service.GetProperty("attributes").GetArrayLength()));
    }

    [Theory]
    [InlineData("/open311/v2/services/99999.json")]
    [InlineData("/open311/v2/nothing-here.json")]
    [InlineData("/open311/v3/discovery.json")]
    public async Task Unknown_services_and_paths_answer_Open311_json_404s(string path)
    {
        var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(404, error.GetProperty("code").GetInt32());
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields) => new(fields);
}
