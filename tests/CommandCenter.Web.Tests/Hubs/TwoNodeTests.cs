using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Storage;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hubs;

/// <summary>Two web nodes on one Redis and one PostgreSQL, as a city runs them.</summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly string _prefix = $"cc-nodes-{Guid.NewGuid():N}";
    private string _database = "";
    private Node _a = default!;
    private Node _b = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.NewPostgresDatabaseAsync();
        _a = new Node(_prefix, _database, "node-a");
        _b = new Node(_prefix, _database, "node-b");
        await _a.ReadyAsync();
        await _b.ReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await TestDatabases.DropPostgresDatabaseAsync(_database);
    }

    [Fact]
    public async Task An_event_published_on_one_node_reaches_hub_clients_on_both_and_is_stored_once()
    {
        var clients = new[] { await HubClients.ConnectAsync(_a, "commander"), await HubClients.ConnectAsync(_b, "commander") };
        var arrivals = clients.Select(c =>
        {
            var arrived = new TaskCompletionSource<IncidentMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            c.On<Delta<IncidentMessage>>(nameof(IWallClient.IncidentsChanged), d =>
            {
                if (d.Upserted.FirstOrDefault(i => i.Id == "NODES-1") is { } incident)
                {
                    arrived.TrySetResult(incident);
                }
            });
            return arrived.Task;
        }).ToList();
        foreach (var client in clients)
        {
            await client.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505");
        }

        var grid = JurisdictionCode.From("320505001001001");
        await _a.Services.GetRequiredService<IFeedBus>().PublishAsync(new FeedEvent("NODES-1-report", "test", DateTimeOffset.UtcNow, grid,
            new WorkOrderReported(new WorkOrderReport(WorkOrderId.From("NODES-1"), WorkOrderKind.Complaint, WorkOrderSource.Hotline12345,
                CategoryCode.From("06028"), Urgency.Urgent, "两节点测试:夜间施工噪声", grid))));

        var received = await Task.WhenAll(arrivals).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(received, i => Assert.Equal("两节点测试:夜间施工噪声", i.Title));

        var persisters = new[] { _a, _b }.Select(n => n.Services.GetRequiredService<Persister>()).ToList();
        // Whichever node's persister took it from the shared group signals; wait on both.
        await Task.WhenAny(persisters.Select(p => p.WaitForAsync(() => persisters.Sum(x => x.Stored) >= 1, TimeSpan.FromSeconds(30))));
        await using var connection = await _a.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM feed_events WHERE event_id = 'NODES-1-report'"));
        Assert.Equal(1, persisters.Sum(p => p.Stored));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_street_on_one_node_escalates_the_district_on_the_other_dispatches_jointly_and_both_nodes_and_the_store_agree()
    {
        var street = Web.Security.CenterUser.Create("op-shishan", "狮山值班员", Domain.Security.Role.Operator, JurisdictionCode.From("320505001"), false, "t");
        var district = Web.Security.CenterUser.Create("op-district", "区值班员", Domain.Security.Role.Operator, JurisdictionCode.From("320505"), false, "t");
        var grid = JurisdictionCode.From("320505001001001");
        var id = WorkOrderId.From("NODES-ESC");
        await _a.Services.GetRequiredService<IFeedBus>().PublishAsync(new FeedEvent("NODES-ESC-report", "test", DateTimeOffset.UtcNow, grid,
            new WorkOrderReported(new WorkOrderReport(id, WorkOrderKind.Complaint, WorkOrderSource.Hotline12345,
                CategoryCode.From("06010"), Urgency.Normal, "两节点测试:上报区级", grid))));
        var (liveA, liveB) = (_a.Services.GetRequiredService<Web.Live.LiveSituation>(), _b.Services.GetRequiredService<Web.Live.LiveSituation>());
        var step = 0;

        async Task Act(Node node, System.Security.Claims.ClaimsPrincipal user, Web.Desk.DeskCommand command, WorkOrderState then)
        {
            var steps = liveA.TimelineOf(id).Count;
            var outcome = await node.Services.GetRequiredService<Web.Desk.DeskService>().ActAsync(user, id.Value, command, $"two-node-{++step:D3}", "test", default);
            Assert.True(outcome.Status == Web.Dispatch.DispatchStatus.Dispatched, $"{command.Action}: {outcome.Problem}");
            // Both nodes apply it (a step on the timeline, the state it leads to) before the next, which may be taken on the other node.
            await Task.WhenAll(liveA.WaitForAsync(() => liveA.TimelineOf(id).Count > steps && liveA.CardOf(id)?.State == then, TimeSpan.FromSeconds(30)),
                liveB.WaitForAsync(() => liveB.TimelineOf(id).Count > steps && liveB.CardOf(id)?.State == then, TimeSpan.FromSeconds(30)));
        }

        await Task.WhenAll(liveA.WaitForAsync(() => liveA.CardOf(id) is not null, TimeSpan.FromSeconds(30)),
            liveB.WaitForAsync(() => liveB.CardOf(id) is not null, TimeSpan.FromSeconds(30)));
        await Act(_a, street, new(WorkOrderAction.Accept), WorkOrderState.Accepted);
        await Act(_a, street, new(WorkOrderAction.Escalate, "需区级协调"), WorkOrderState.Escalated);
        await Act(_b, district, new(WorkOrderAction.Dispatch), WorkOrderState.Dispatched);
        var helper = liveA.CardOf(id)!.Parts()[1].UnitId;
        await Act(_a, street, new(WorkOrderAction.SignOff), WorkOrderState.InProgress);
        await Act(_a, street, new(WorkOrderAction.SignOff, UnitId: helper), WorkOrderState.InProgress);
        await Act(_a, street, new(WorkOrderAction.ReportDone, "已清理"), WorkOrderState.InProgress);
        await Act(_a, street, new(WorkOrderAction.ReportDone, "已监测", UnitId: helper), WorkOrderState.AwaitingVerification);
        await Act(_b, district, new(WorkOrderAction.VerifyOk), WorkOrderState.Closed);

        Assert.Equal(liveA.CardOf(id), liveB.CardOf(id));
        Assert.Equal(HandlingLevel.District, liveB.CardOf(id)!.Level);
        var projectors = new[] { _a, _b }.Select(n => n.Services.GetRequiredService<LogProjector>()).ToList();
        await using var connection = await _a.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        await Task.WhenAny(projectors.Select(p => p.WaitForAsync(() => connection.ExecuteScalar<string>(
            "SELECT state FROM work_orders WHERE id = 'NODES-ESC'") == "Closed", TimeSpan.FromSeconds(30))));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM work_order_units WHERE work_order_id = 'NODES-ESC' AND reported_at_ms IS NOT NULL"));
        Assert.Equal("District", await connection.ExecuteScalarAsync<string>("SELECT level FROM work_orders WHERE id = 'NODES-ESC'"));
    }

    private sealed class Node(string prefix, string database, string name) : WallHostFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Redis", Environment.GetEnvironmentVariable("CC_TEST_REDIS")
                ?? throw new InvalidOperationException("CC_TEST_REDIS is not set: run the tests through ./test.sh"));
            builder.UseSetting("ConnectionStrings:Postgres", database);
            builder.UseSetting("Bus:Prefix", prefix);
            builder.UseSetting("Bus:Node", name);
            builder.UseSetting("Bus:PollMilliseconds", "20");
        }
    }
}
