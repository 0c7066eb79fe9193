using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Hubs;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Api;

/// <summary>
/// Lists are bounded: REST and the hub carry the counts and the newest N, and page through the rest with a cursor; a
/// subscription's deltas keep to its N.
/// </summary>
public sealed class BoundedContractTests : IAsyncLifetime
{
    private const int Extra = 30;
    private readonly SecuredApp _app = new();

    public async Task InitializeAsync()
    {
        await _app.WithOrdersAsync();
        for (var i = 0; i < Extra; i++)
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(1)); // one report time each: newest first is well defined
            await Publish(Report($"BND-{i:00}", "320505001001001"));
        }

        var live = _app.Services.GetRequiredService<LiveSituation>();
        await live.WaitForAsync(() => live.CardOf(WorkOrderId.From($"BND-{Extra - 1:00}")) is not null, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Rest_pages_join_up_to_every_open_order_newest_first_each_page_saying_the_total()
    {
        using var commander = await _app.SignedInAsync("commander");
        var ids = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var body = JsonDocument.Parse(await commander.GetStringAsync(new Uri(
                $"/api/incidents?scope=320505&limit=7{(next is null ? "" : "&after=" + Uri.EscapeDataString(next))}", UriKind.Relative))).RootElement;
            Assert.Equal(Extra + 2, body.GetProperty("total").GetInt32());
            var incidents = body.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
            Assert.True(incidents.Count <= 7);
            ids.AddRange(incidents);
            next = body.GetProperty("next").ValueKind == JsonValueKind.Null ? null : body.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null && pages < 20);

        Assert.Equal(5, pages);
        Assert.Equal(Extra + 2, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, Extra).Reverse().Select(i => $"BND-{i:00}"), ids.Take(Extra));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("bucket=everything", "bucket")]
    public async Task Rest_names_the_field_of_a_bad_page_request(string query, string field)
    {
        using var commander = await _app.SignedInAsync("commander");
        var answer = await commander.GetAsync(new Uri($"/api/incidents?scope=320505&{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_subscription_lists_its_top_n_with_every_count_and_its_deltas_keep_to_n()
    {
        await using var hub = await HubClients.ConnectAsync(_app, "commander");
        var deltas = new ConcurrentQueue<Delta<IncidentMessage>>();
        var arrived = new TaskCompletionSource();
        hub.On<Delta<IncidentMessage>>(nameof(IWallClient.IncidentsChanged), d =>
        {
            deltas.Enqueue(d);
            if (d.Upserted.Any(i => i.Id == "BND-NEW"))
            {
                arrived.TrySetResult();
            }
        });

        var snapshot = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.SubscribeTop), "320505", 5);
        Assert.Equal(["BND-29", "BND-28", "BND-27", "BND-26", "BND-25"], snapshot.Incidents.Select(i => i.Id));
        Assert.Equal(Extra + 2, snapshot.Kpis.Open);
        Assert.Equal(Extra + 2, snapshot.Kpis.Lists["new"]);

        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        await Publish(Report("BND-NEW", "320505001001001"));
        var live = _app.Services.GetRequiredService<LiveSituation>();
        await live.WaitForAsync(() => live.CardOf(WorkOrderId.From("BND-NEW")) is not null, TimeSpan.FromSeconds(30));
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var delta = deltas.Single(d => d.Upserted.Any(i => i.Id == "BND-NEW"));
        Assert.Equal(["BND-25"], delta.Removed); // pushed out of the top 5, not closed
        Assert.Single(delta.Upserted);
    }

    [Fact]
    public async Task The_hub_pages_a_list_with_the_same_cursor_as_rest_and_refuses_a_bad_n()
    {
        await using var hub = await HubClients.ConnectAsync(_app, "commander");
        var first = await hub.InvokeAsync<IncidentPageMessage>(nameof(WallHub.Incidents), "320505", "new", null, 10);
        var second = await hub.InvokeAsync<IncidentPageMessage>(nameof(WallHub.Incidents), "320505", "new", first.Next, 10);

        Assert.Equal((Extra + 2, Extra + 2), (first.Total, second.Total));
        Assert.Equal(Enumerable.Range(10, 10).Reverse().Select(i => $"BND-{i:00}"), second.Incidents.Select(i => i.Id));
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.SubscribeTop), "320505", 501));
        Assert.Contains("top", refused.Message, StringComparison.Ordinal);
        var badList = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<IncidentPageMessage>(nameof(WallHub.Incidents), "320505", "all", null, 10));
        Assert.Contains("list", badList.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_street_operator_pages_only_its_own_street()
    {
        await using var hub = await HubClients.ConnectAsync(_app, "op-fengqiao");
        var page = await hub.InvokeAsync<IncidentPageMessage>(nameof(WallHub.Incidents), null, "open", null, 100);
        Assert.Equal([SecuredApp.OrderB], page.Incidents.Select(i => i.Id));
        Assert.Equal(1, page.Total);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<IncidentPageMessage>(nameof(WallHub.Incidents), "320505001", "open", null, 100));
    }

    private Task Publish(FeedEvent e) => _app.Services.GetRequiredService<IFeedBus>().PublishAsync(e).AsTask();

    private FeedEvent Report(string id, string grid) => new($"{id}-report", "test", _app.Clock.GetUtcNow(), JurisdictionCode.From(grid),
        new WorkOrderReported(new WorkOrderReport(WorkOrderId.From(id), WorkOrderKind.Report, WorkOrderSource.GridPatrol,
            CategoryCode.From("06010"), Urgency.Normal, "测试工单", JurisdictionCode.From(grid))));
}
