using System.Collections.Concurrent;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hubs;

/// <summary>The wall hub: snapshot on subscribe, batched deltas after, jurisdiction enforced in the hub itself.</summary>
public sealed class WallHubTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();

    public async Task InitializeAsync() => await _app.WithOrdersAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_commander_gets_the_district_snapshot_then_deltas_as_orders_arrive()
    {
        await using var hub = await ConnectAsync("commander");
        var incidents = new ConcurrentQueue<Delta<IncidentMessage>>();
        var kpis = new ConcurrentQueue<KpiMessage>();
        var arrived = new TaskCompletionSource();
        hub.On<Delta<IncidentMessage>>(nameof(IWallClient.IncidentsChanged), d =>
        {
            incidents.Enqueue(d);
            if (d.Upserted.Any(i => i.Id == "SEC-A-2"))
            {
                arrived.TrySetResult();
            }
        });
        var counted = new TaskCompletionSource();
        hub.On<KpiMessage>(nameof(IWallClient.KpisChanged), k =>
        {
            kpis.Enqueue(k);
            if (k.TotalToday == 3)
            {
                counted.TrySetResult();
            }
        });

        var snapshot = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505");
        Assert.Equal(("320505", "虎丘区"), (snapshot.Scope, snapshot.ScopeName));
        Assert.Equal([SecuredApp.OrderA, SecuredApp.OrderB], snapshot.Incidents.Select(i => i.Id).Order());
        Assert.Equal(2, snapshot.Kpis.TotalToday);

        await PublishAndSignalAsync(Report("SEC-A-2", "320505001001002", "狮山小区消防通道被占"));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var delta = incidents.Single(d => d.Upserted.Any(i => i.Id == "SEC-A-2"));
        Assert.Equal("320505", delta.Scope);
        Assert.DoesNotContain(delta.Upserted, i => i.Id == SecuredApp.OrderA); // unchanged orders are not resent
        await counted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, kpis.Last().TotalToday);
    }

    [Fact]
    public async Task A_street_operator_cannot_subscribe_to_another_street_and_never_receives_its_orders()
    {
        await using var hub = await ConnectAsync("op-shishan");
        var received = new ConcurrentQueue<IncidentMessage>();
        var arrived = new TaskCompletionSource();
        hub.On<Delta<IncidentMessage>>(nameof(IWallClient.IncidentsChanged), d =>
        {
            foreach (var i in d.Upserted)
            {
                received.Enqueue(i);
            }

            if (d.Upserted.Any(i => i.Id == "SEC-A-3"))
            {
                arrived.TrySetResult();
            }
        });

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505002"));
        Assert.Contains("no jurisdiction '320505002'", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505"));
        Assert.Equal(2, await _app.AuditCountAsync("op-shishan", "access.denied"));

        var own = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), (string?)null);
        Assert.Equal("320505001", own.Scope);
        Assert.Equal([SecuredApp.OrderA], own.Incidents.Select(i => i.Id));

        await PublishAndSignalAsync(Report("SEC-B-2", "320505002001002", "枫桥夜间施工噪声"), Report("SEC-A-3", "320505001001003", "狮山路灯不亮"));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(received, i => i.Scope.StartsWith("320505002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_street_operator_receives_only_its_streets_drones_crowds_cameras_and_members()
    {
        await using var hub = await ConnectAsync("op-shishan");
        var received = new ConcurrentQueue<string>();
        var last = new TaskCompletionSource();
        void Seen(IEnumerable<string> ids)
        {
            foreach (var id in ids)
            {
                received.Enqueue(id);
            }

            if (new[] { "UAV-A2", "GM-A2", CameraA1 }.All(received.Contains))
            {
                last.TrySetResult();
            }
        }

        hub.On<Delta<DroneMessage>>(nameof(IWallClient.DronesChanged), d => Seen(d.Upserted.Select(x => x.DroneId)));
        hub.On<Delta<CrowdMessage>>(nameof(IWallClient.CrowdChanged), d => Seen(d.Upserted.Select(x => x.AreaId)));
        hub.On<Delta<CameraMessage>>(nameof(IWallClient.CamerasChanged), d => Seen(d.Upserted.Select(x => x.CameraId)));
        hub.On<Delta<PatrolMessage>>(nameof(IWallClient.PatrolsChanged), d => Seen(d.Upserted.Select(x => x.MemberId)));
        var live = _app.Services.GetRequiredService<LiveSituation>();
        await PublishAsync(live, Drone("UAV-A1", "320505001001001"), Drone("UAV-B1", "320505002001001"), Crowd("AREA-A", "320505001"),
            Crowd("AREA-B", "320505002"), Camera(CameraA1, "320505001001001"), Camera(CameraB1, "320505002001001"),
            Patrol("GM-A1", "320505001001001"), Patrol("GM-B1", "320505002001001"));

        var snapshot = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), (string?)null);
        Assert.Equal(["UAV-A1"], snapshot.Drones.Select(d => d.DroneId));
        Assert.Equal(["AREA-A"], snapshot.Crowd.Select(c => c.AreaId));
        Assert.Equal((CameraA1, 1), (string.Join(',', snapshot.Cameras.Select(c => c.CameraId)), snapshot.CameraCount));
        Assert.Equal(["GM-A1"], snapshot.Patrols.Select(p => p.MemberId));
        Assert.Equal((31.30, 120.51), (snapshot.Crowd[0].South, snapshot.Crowd[0].East));

        // The B items of every layer change and new ones arrive; A's changes prove the deltas of each layer flowed.
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        await PublishAsync(live, Drone("UAV-B2", "320505002001001"), Crowd("AREA-B", "320505002"), CameraStatus(CameraB1, "320505002001001"),
            Camera(CameraB2, "320505002001001"), Patrol("GM-B2", "320505002001001"), Patrol("GM-A2", "320505001001001"),
            CameraStatus(CameraA1, "320505001001001"), Drone("UAV-A2", "320505001001001"));
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        await last.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(received, id => id.Contains("-B", StringComparison.Ordinal) || id.StartsWith(CameraB1[..19], StringComparison.Ordinal));
    }

    private const string CameraA1 = "32050500011320000001";
    private const string CameraB1 = "32050500021320000001";
    private const string CameraB2 = "32050500021320000002";

    /// <summary>Publishes the events and waits until the live picture has applied the last of them.</summary>
    private async Task PublishAsync(LiveSituation live, params FeedEvent[] events)
    {
        var version = live.Version;
        foreach (var e in events)
        {
            await _app.Services.GetRequiredService<IFeedBus>().PublishAsync(e);
        }

        await live.WaitForAsync(() => live.Version >= version + events.Length, TimeSpan.FromSeconds(30));
    }

    private FeedEvent Camera(string id, string grid) => new($"camera-{id}-{Guid.NewGuid():N}", "test", _app.Clock.GetUtcNow(), JurisdictionCode.From(grid),
        new CameraRegistered(new Domain.Cameras.Camera(Domain.Cameras.CameraId.From(id), "路口", JurisdictionCode.From(grid), new Domain.Geo.GeoPoint(31.3, 120.5), true)));

    private FeedEvent CameraStatus(string id, string grid) => new($"status-{id}-{Guid.NewGuid():N}", "test", _app.Clock.GetUtcNow(), JurisdictionCode.From(grid),
        new CameraStatusChanged(Domain.Cameras.CameraId.From(id), false));

    private FeedEvent Patrol(string member, string grid) => new($"patrol-{member}-{Guid.NewGuid():N}", "test", _app.Clock.GetUtcNow(), JurisdictionCode.From(grid),
        new GridMemberPatrolled(new Domain.GridMembers.PatrolPosition(member, new Domain.Geo.GeoPoint(31.3, 120.5), true, _app.Clock.GetUtcNow())));

    [Fact]
    public async Task A_wall_display_subscribes_over_messagepack()
    {
        await using var hub = await ConnectAsync("wall-01", DemoAccounts.WallToken, device: true, messagePack: true);
        var snapshot = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505");
        Assert.Equal(2, snapshot.Incidents.Count);
        Assert.Equal("狮山路口暴露垃圾", snapshot.Incidents.Single(i => i.Id == SecuredApp.OrderA).Title);
    }

    [Fact]
    public async Task Without_a_session_the_hub_refuses_to_connect()
    {
        await using var hub = Build(cookie: null, messagePack: false);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    private Task<HubConnection> ConnectAsync(string user, string password = DemoAccounts.Password, bool device = false, bool messagePack = false) =>
        HubClients.ConnectAsync(_app, user, password, device, messagePack);

    private HubConnection Build(string? cookie, bool messagePack) => HubClients.Build(_app, cookie, messagePack);

    /// <summary>Publishes, waits until the live picture has the events, then lets the wall signal's 250 ms pass.</summary>
    private async Task PublishAndSignalAsync(params FeedEvent[] events)
    {
        var live = _app.Services.GetRequiredService<LiveSituation>();
        foreach (var e in events)
        {
            await _app.Services.GetRequiredService<IFeedBus>().PublishAsync(e);
        }

        var last = ((WorkOrderReported)events[^1].Payload).Report.Id;
        await live.WaitForAsync(() => live.CardOf(last) is not null, TimeSpan.FromSeconds(30));
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
    }

    private FeedEvent Drone(string id, string grid) => new($"drone-{id}-{Guid.NewGuid():N}", "test", _app.Clock.GetUtcNow(), JurisdictionCode.From(grid),
        new DroneTelemetryReceived(new Domain.Drones.DroneTrack(id, new Domain.Geo.GeoPoint(31.3, 120.5), 120, 90, 8, 80, "河道巡查", _app.Clock.GetUtcNow())));

    private FeedEvent Crowd(string area, string scope) => new($"crowd-{area}-{Guid.NewGuid():N}", "test", _app.Clock.GetUtcNow(), JurisdictionCode.From(scope),
        new CrowdFrameObserved(new Domain.Crowd.CrowdFrame(area, area, new Domain.Geo.GeoPoint(31.30, 120.50), new Domain.Geo.GeoPoint(31.31, 120.51),
            50, 1, 2, [10, 20], _app.Clock.GetUtcNow(), 1.2)));

    private FeedEvent Report(string id, string grid, string title) => new($"{id}-report", "test", _app.Clock.GetUtcNow(),
        JurisdictionCode.From(grid), new WorkOrderReported(new WorkOrderReport(WorkOrderId.From(id), WorkOrderKind.Report,
            WorkOrderSource.GridPatrol, CategoryCode.From("06010"), Urgency.Normal, title, JurisdictionCode.From(grid))));
}
