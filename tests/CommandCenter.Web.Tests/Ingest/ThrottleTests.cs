using System.Net;
using System.Net.Http.Json;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>A source that floods is answered 429 with Retry-After; another source is not held back by it.</summary>
public sealed class ThrottleTests : IAsyncLifetime
{
    private readonly IngestApp _app = new();

    public async Task InitializeAsync()
    {
        _app.Settings["Ingest:PermitsPerSecond"] = "1";
        _app.Settings["Ingest:Burst"] = "5";
        _app.Settings["Ingest:Sources:hotline:ApiKey"] = "hotline-key-0001";
        await _app.ReadyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_flooding_source_gets_429_and_the_others_go_on()
    {
        using var flooding = _app.Feed();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await flooding.PostAsJsonAsync("/api/ingest/drones", new { droneId = "UAV-1", lat = 31.3, lon = 120.5, at = _app.Clock.GetUtcNow().AddSeconds(-20 + i).ToString("O") }));
        }

        using var hotline = _app.CreateClient();
        hotline.DefaultRequestHeaders.Add("X-Api-Key", "hotline-key-0001");
        var other = await hotline.PostAsJsonAsync("/api/ingest/tickets", new
        {
            source = "hotline12345", kind = "complaint", category = "06028", description = "噪声", jurisdiction = "320505001",
        });

        // A burst of 5, then 1 a second: unless 20 requests took over 10 s, at least 5 of them are turned away.
        var throttled = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(answers.Take(5).All(a => a.StatusCode == HttpStatusCode.Accepted), "the burst should be accepted");
        Assert.True(throttled.Count >= 5, $"only {throttled.Count} of 20 were throttled");
        Assert.Equal(20, throttled.Count + answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.All(throttled, t => Assert.Equal("1", t.Headers.RetryAfter?.ToString()));
        Assert.Equal("application/problem+json", throttled[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }
}
