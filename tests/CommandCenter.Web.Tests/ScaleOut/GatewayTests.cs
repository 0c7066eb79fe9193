using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Feeds.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>One ingest gateway and two web nodes on one Redis and one PostgreSQL, as a city runs them.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private Cluster _cluster = default!;

    public async Task InitializeAsync() => _cluster = await Cluster.StartAsync(RedisNode.SharedRedis);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_ticket_posted_to_the_gateway_reaches_hub_clients_on_both_web_nodes_once()
    {
        await using var onA = await WallWatcher.StartAsync(_cluster.A, "320505");
        await using var onB = await WallWatcher.StartAsync(_cluster.B, "320505");

        var response = await Tickets.PostAsync(_cluster.Gateway.Http, Tickets.Hotline("GW-0001", "网关测试:小区门口占道经营"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("test-hotline.GW-0001-report", accepted.GetProperty("eventId").GetString());
        foreach (var wall in new[] { onA, onB })
        {
            await wall.WaitForAsync(w => w.Incidents.ContainsKey("test-hotline.GW-0001"), TimeSpan.FromSeconds(30));
            Assert.Equal("网关测试:小区门口占道经营", wall.Incidents["test-hotline.GW-0001"].Title);
            Assert.Equal(1, wall.Arrivals);
        }
    }

    [Fact]
    public async Task The_gateway_answers_healthz_and_dead_letters_what_a_known_source_sent_it_refused()
    {
        Assert.Equal(HttpStatusCode.OK, (await _cluster.Gateway.Http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        using var anonymous = new HttpClient { BaseAddress = _cluster.Gateway.Address };
        var refused = await Tickets.PostAsync(anonymous, Tickets.Hotline("GW-0002"));
        var invalid = await Tickets.PostAsync(_cluster.Gateway.Http, new { id = "GW-0003", source = "fax", kind = "complaint", category = "06028",
            description = "来源不对", jurisdiction = Tickets.Grid });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("source", error.GetProperty("field").GetString());
        Assert.Contains("hotline12345", error.GetProperty("rule").GetString(), StringComparison.Ordinal);
        var unknownRoute = await _cluster.Gateway.Http.GetAsync(new Uri("/api/incidents", UriKind.Relative)); // only the web nodes serve it
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknownRoute.StatusCode, unknownRoute.Content.Headers.ContentType?.MediaType));

        var letters = await _cluster.Gateway.Services.GetRequiredService<IIngestDeadLetters>().RecentAsync(10, CancellationToken.None);
        Assert.Equal([422], letters.Select(l => l.Status)); // the unauthenticated post writes nothing
        Assert.Contains("\"fax\"", letters[0].Raw, StringComparison.Ordinal);
        Assert.Contains("source", letters[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_message_replayed_to_another_gateway_is_refused()
    {
        await using var second = await GatewayHost.StartAsync(RedisNode.SharedRedis, _cluster.Prefix);
        var body = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(Tickets.Hotline("GW-SIGNED-1")));
        HttpRequestMessage Signed()
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/tickets") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookSignature.IdHeader, "msg-gw-0001");
            request.Headers.Add(WebhookSignature.TimestampHeader, now.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(GatewayHost.WebhookKey, "msg-gw-0001", now, body));
            return request;
        }

        using var toFirst = new HttpClient { BaseAddress = _cluster.Gateway.Address };
        using var toSecond = new HttpClient { BaseAddress = second.Address };
        var accepted = await toFirst.SendAsync(Signed());
        var replayed = await toSecond.SendAsync(Signed());

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Contains("webhook-id", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
