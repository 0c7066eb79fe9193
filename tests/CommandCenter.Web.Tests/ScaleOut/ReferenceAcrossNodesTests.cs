using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Reference;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Host;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>
/// Reference data imported on one web node is in force on the other node's live picture and at the ingest gateway's
/// placement, without a restart: a renamed community shows on node B, and a point the import moves into another grid is
/// placed there by the gateway.
/// </summary>
public sealed class ReferenceAcrossNodesTests : IAsyncLifetime
{
    private Cluster _cluster = default!;

    public async Task InitializeAsync() => _cluster = await Cluster.StartAsync(RedisNode.SharedRedis);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task An_import_on_node_A_renames_on_node_B_and_moves_the_gateways_placement()
    {
        var community = TestReference.District.Communities[10];
        var (first, second) = (community.Grids[0], community.Grids[1]);
        var point = TestReference.District.PointIn(first, new Random(7));
        var liveA = _cluster.A.Services.GetRequiredService<LiveSituation>();
        var liveB = _cluster.B.Services.GetRequiredService<LiveSituation>();
        var gateway = _cluster.Gateway.Services.GetRequiredService<ReferenceBook>();
        var before = await PlacedAsync("REF-1", point, liveA);
        Assert.Equal(first, before.Scope);

        // The community renamed, and the two grids' outlines swapped: the point now lies in the second grid.
        var files = _cluster.A.Services.GetRequiredService<ReferenceBook>().Current.Files;
        var tree = files["jurisdictions.csv"].Replace($"{community.Code},{community.Name},", $"{community.Code},{community.Name}(调整),", StringComparison.Ordinal);
        var outlines = JsonNode.Parse(files["outlines.geojson"])!;
        var features = outlines["features"]!.AsArray().Select(f => f!).ToList();
        var (a, b) = (features.Single(f => (string)f["properties"]!["code"]! == first.Value), features.Single(f => (string)f["properties"]!["code"]! == second.Value));
        (a["geometry"], b["geometry"]) = (b["geometry"]!.DeepClone(), a["geometry"]!.DeepClone());
        var gatewayChanged = new TaskCompletionSource<ReferenceEdition>(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Changed += e => gatewayChanged.TrySetResult(e);
        using var admin = await _cluster.A.SignedInAsync("admin");
        using var form = new MultipartFormDataContent
        {
            { File(tree), "files", "jurisdictions.csv" },
            { File(outlines.ToJsonString()), "files", "outlines.geojson" },
        };

        var import = await admin.PostAsync(new Uri("/api/reference/import", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var digest = JsonNode.Parse(await import.Content.ReadAsStringAsync())!["digest"]!.GetValue<string>();
        await liveB.WaitForAsync(() => liveB.CardOf(before.Id)?.CommunityName == $"{community.Name}(调整)", TimeSpan.FromSeconds(30));
        Assert.Equal(digest, (await gatewayChanged.Task.WaitAsync(TimeSpan.FromSeconds(30))).Digest);
        var after = await PlacedAsync("REF-2", point, liveB);
        Assert.Equal(second, after.Scope);
        Assert.Equal($"{community.Name}(调整)", after.CommunityName);
    }

    /// <summary>Posts a ticket that gives only a point to the gateway; the order as a node shows it.</summary>
    private async Task<Domain.Situation.WorkOrderCard> PlacedAsync(string id, GeoPoint point, LiveSituation live)
    {
        var response = await Tickets.PostAsync(_cluster.Gateway.Http, new
        {
            id, source = "hotline12345", kind = "complaint", category = "06028", description = "只有坐标的工单",
            location = new { lat = point.Latitude, lon = point.Longitude },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var order = WorkOrderId.From($"test-hotline.{id}");
        await live.WaitForAsync(() => live.CardOf(order) is not null, TimeSpan.FromSeconds(30));
        return live.CardOf(order)!;
    }

    private static ByteArrayContent File(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return content;
    }
}
