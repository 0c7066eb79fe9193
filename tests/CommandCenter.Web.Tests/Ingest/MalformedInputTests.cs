using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>
/// Over a thousand malformed inputs of more than twenty kinds, sent while a hotline keeps posting good tickets:
/// every bad one refused with a reason and dead-lettered, no crash, and every good one arrives.
/// </summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    private readonly IngestApp _app = new();

    public async Task InitializeAsync()
    {
        _app.Settings["Ingest:PermitsPerSecond"] = "1000000";
        _app.Settings["Ingest:Burst"] = "1000000";
        await _app.ReadyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_malformed_input_is_refused_with_a_reason_and_dead_lettered_while_good_traffic_all_arrives()
    {
        var now = _app.Clock.GetUtcNow();
        var corpus = MalformedCorpus.Build(now);
        Assert.True(corpus.Count >= 1000, $"the corpus has {corpus.Count} inputs");
        Assert.True(corpus.Select(c => c.Kind).Distinct().Count() >= 20, $"the corpus has {corpus.Select(c => c.Kind).Distinct().Count()} kinds");

        using var client = _app.CreateClient();
        var good = Task.Run(async () =>
        {
            using var hotline = _app.Feed();
            for (var i = 0; i < 100; i++)
            {
                var response = await hotline.PostAsJsonAsync("/api/ingest/tickets", new
                {
                    id = $"GOOD-{i:D3}", source = "hotline12345", kind = "complaint", category = "06028", description = "夜间施工噪声", jurisdiction = "320505001001001",
                });
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
        });

        var replayId = $"msg-{Guid.NewGuid():N}";
        var ticket = Encoding.UTF8.GetBytes("""{"id":"SIGNED-1","source":"gridPatrol","kind":"report","category":"06001","description":"私搭乱建","jurisdiction":"320505002"}""");
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(MalformedCorpus.Signed("tickets", ticket, replayId, now))).StatusCode);
        var inputs = corpus.Append(new Malformed("replayed-message", "tickets", () => MalformedCorpus.Signed("tickets", ticket, replayId, now))).ToList();

        var outcomes = new ConcurrentBag<(string Kind, int Status, string Title)>();
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (input, ct) =>
        {
            using var request = input.Request();
            using var response = await client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var title = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? JsonDocument.Parse(text).RootElement.GetProperty("title").GetString() ?? ""
                : "";
            outcomes.Add((input.Kind, (int)response.StatusCode, title));
        });
        await good;

        var accepted = outcomes.Where(o => o.Status < 400).ToList();
        Assert.True(accepted.Count == 0, $"accepted: {string.Join(", ", accepted.Select(a => a.Kind))}");
        Assert.All(outcomes, o => Assert.Contains(o.Status, new[] { 400, 401, 403, 404, 409, 413, 415, 422 }));
        Assert.All(outcomes, o => Assert.False(string.IsNullOrWhiteSpace(o.Title), $"{o.Kind} got {o.Status} without a reason"));
        // Every refusal of a known source is kept as a dead letter; an unauthenticated caller (a wrong key, a bad
        // signature, a replayed message, which anyone who saw it could send) writes nothing.
        var letters = await _app.Services.GetRequiredService<IIngestDeadLetters>().RecentAsync(100_000, default);
        Assert.Contains(outcomes, o => o.Status == 401);
        Assert.Equal(outcomes.Count(o => o.Status != 401 && o.Kind != "replayed-message"), letters.Count);
        Assert.All(letters, l => Assert.False(string.IsNullOrWhiteSpace(l.Reason)));

        var live = _app.Services.GetRequiredService<LiveSituation>();
        await live.WaitForAsync(() => Enumerable.Range(0, 100).All(i => live.CardOf(WorkOrderId.From($"iot-platform.GOOD-{i:D3}")) is not null)
            && live.CardOf(WorkOrderId.From("video-platform.SIGNED-1")) is not null, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }
}
