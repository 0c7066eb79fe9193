using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Feeds.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>
/// A source bound to jurisdictions and channels posts only within them: a street's hotline desk cannot post for another
/// street, nor claim its tickets came from 110.
/// </summary>
public sealed class SourceBoundsTests : IAsyncLifetime
{
    private const string Key = "shishan-hotline-key-01";
    private readonly IngestApp _app = new();

    public async Task InitializeAsync()
    {
        _app.Settings["Ingest:Sources:shishan-hotline:ApiKey"] = Key;
        _app.Settings["Ingest:Sources:shishan-hotline:Jurisdictions:0"] = "320505001";
        _app.Settings["Ingest:Sources:shishan-hotline:Channels:0"] = "hotline12345";
        await _app.ReadyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("hotline12345", "320505001001001", HttpStatusCode.Accepted, null)]
    [InlineData("police110", "320505001001001", HttpStatusCode.Forbidden, "source")]
    [InlineData("hotline12345", "320505002001001", HttpStatusCode.Forbidden, "jurisdiction")]
    public async Task A_bound_source_posts_only_its_channels_in_its_jurisdictions(string channel, string grid, HttpStatusCode expected, string? field)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var response = await client.PostAsJsonAsync("/api/ingest/tickets", new
        {
            id = $"B-{channel}-{grid}", source = channel, kind = "complaint", category = "06028", description = "夜间施工噪声扰民",
            jurisdiction = grid, reportedAt = _app.Clock.GetUtcNow().ToString("O"),
        });

        Assert.Equal(expected, response.StatusCode);
        var letters = await _app.Services.GetRequiredService<IIngestDeadLetters>().RecentAsync(10, default);
        if (field is null)
        {
            Assert.Empty(letters);
            return;
        }

        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
        var letter = Assert.Single(letters); // a known source's refusal is kept for its operators
        Assert.Equal((403, "shishan-hotline"), (letter.Status, letter.Source));
    }
}
