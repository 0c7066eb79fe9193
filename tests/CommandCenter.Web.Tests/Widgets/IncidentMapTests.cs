using Bunit;
using CommandCenter.Domain.Dispatch;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WallLayouts;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Units;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Components.Widgets;
using CommandCenter.Web.Dispatch;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Widgets;

/// <summary>The map widget sends Leaflet only what changed, and dispatches from a marker for those who may.</summary>
public class IncidentMapTests : WidgetTestContext
{
    private readonly BunitJSModuleInterop _module;

    public IncidentMapTests()
    {
        Services.AddSingleton(TestReference.Book());
        _module = JSInterop.SetupModule("./js/incident-map.js");
        _module.SetupModule(invocation => invocation.Identifier == "create");
        _module.SetupVoid("update", _ => true).SetVoidResult();
    }

    [Fact]
    public void Markers_are_sent_once_and_then_only_when_they_change()
    {
        var t = Situations.MondayNine;
        Data.Report("W1", at: t).Report("W2", Urgency.Urgent, "电梯困人", t);
        var cut = Render<IncidentMap>(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(1))));

        var first = Updates();
        Assert.Equal(["W1", "W2"], first.Single().Orders!.Upserted.Select(o => o.Id).Order());
        Assert.All(first.Single().Orders!.Upserted, o => Assert.False(o.CanDispatch)); // no dispatcher: a wall display

        Data.Act("W1", WorkOrderAction.Accept, t.AddMinutes(2));
        cut.Render(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(3))));
        cut.Render(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(3))));

        var all = Updates();
        Assert.Equal(2, all.Count); // the unchanged third render sent nothing
        Assert.Equal(["W1"], all[1].Orders!.Upserted.Select(o => o.Id));
        Assert.Equal("待派遣", all[1].Orders!.Upserted[0].State);
        Assert.Null(all[1].Alarms); // layers that did not change send nothing
    }

    [Fact]
    public async Task A_commander_dispatches_from_a_marker()
    {
        var t = Situations.MondayNine;
        Data.Report("W1", at: t);
        var dispatch = new Recording();
        var cut = Render<CascadingValue<IWallDispatch>>(p => p.Add(x => x.Value, dispatch).Add(x => x.IsFixed, true)
            .AddChildContent<IncidentMap>(map => map.Add(x => x.Snapshot, Data.At(t.AddMinutes(1)))));

        Assert.True(Updates().Single().Orders!.Upserted.Single().CanDispatch);
        var answer = await cut.InvokeAsync(() => cut.FindComponent<IncidentMap>().Instance.DispatchFromMap("W1"));

        Assert.Equal("已派 狮山横塘街道城管中队", answer);
        Assert.Equal(["W1"], dispatch.Orders);
    }

    [Fact]
    public void Each_layer_is_sent_once_and_then_only_the_layer_that_changed()
    {
        var t = Situations.MondayNine;
        Data.Report("W1", at: t);
        Layers(Situations.GridA, "A", t);
        var cut = Render<IncidentMap>(p => p.Add(x => x.Snapshot, Data.At(t.AddSeconds(1))));

        var first = Updates().Single();
        Assert.Equal((1, 1, 1, 1, 1), (first.Orders!.Upserted.Count, first.Drones!.Upserted.Count, first.Cameras!.Upserted.Count,
            first.Members!.Upserted.Count, first.Crowd!.Upserted.Count));
        Assert.NotNull(first.Drones.Upserted[0].Trail); // a new drone comes with its history

        Data.Telemetry(Drone("UAV-A", 31.301, 90, t.AddSeconds(2)), Situations.GridA, t.AddSeconds(2));
        cut.Render(p => p.Add(x => x.Snapshot, Data.At(t.AddSeconds(3))));

        var second = Updates()[1];
        Assert.Equal(("UAV-A", 31.301), (second.Drones!.Upserted.Single().Id, second.Drones.Upserted.Single().Lat));
        Assert.Null(second.Drones.Upserted[0].Trail); // the map extends the trail it holds
        Assert.Equal((null, null, null, null, null), ((object?)second.Orders, (object?)second.Alarms, (object?)second.Cameras, (object?)second.Members, (object?)second.Crowd));
    }

    [Fact]
    public void Moving_layers_are_sent_at_most_once_a_second_and_a_held_move_follows_when_the_second_is_over()
    {
        var t = Situations.MondayNine;
        Data.Report("W1", at: t);
        Layers(Situations.GridA, "A", t);
        var cut = Render<IncidentMap>(p => p.Add(x => x.Snapshot, Data.At(t.AddSeconds(1))));
        Assert.Single(Updates());

        // Within the second: the order's change goes at once, the drone's move waits.
        Data.Telemetry(Drone("UAV-A", 31.302, 90, t.AddSeconds(1.2)), Situations.GridA, t.AddSeconds(1.2));
        Data.Act("W1", WorkOrderAction.Accept, t.AddSeconds(1.3));
        cut.Render(p => p.Add(x => x.Snapshot, Data.At(t.AddSeconds(1.4))));
        var second = Updates()[1];
        Assert.Equal(["W1"], second.Orders!.Upserted.Select(o => o.Id));
        Assert.Null(second.Drones);

        // No render follows, yet the map is sent the move once the second is over (no render to wait on: the update is a JS call).
        Assert.True(SpinWait.SpinUntil(() => Updates().Count == 3, TimeSpan.FromSeconds(10)), "the held move was never sent");
        var third = Updates()[2];
        Assert.Equal(("UAV-A", 31.302), (third.Drones!.Upserted.Single().Id, third.Drones.Upserted.Single().Lat));
        Assert.Null(third.Orders);
    }

    [Fact]
    public void On_a_live_node_a_frame_rebuilds_only_the_orders_that_changed_by_an_event_or_by_their_light_turning()
    {
        // More open orders than a snapshot lists, so the map reads the live index (the path a district wall takes).
        var t = Situations.MondayNine;
        var live = new CommandCenter.Web.Live.LiveSituation(TestReference.BookWith(Data.Tree), Clock);
        Services.AddSingleton(live);
        var count = SituationSnapshot.MaxListed + 100;
        live.Apply([.. Enumerable.Range(0, count).Select(i => new FeedEvent($"r{i}", "test", t, Situations.GridA, new WorkOrderReported(
            new WorkOrderReport(WorkOrderId.From($"W{i:000}"), WorkOrderKind.Report, WorkOrderSource.GridPatrol,
                Domain.Categories.CategoryCode.From("06010"), Urgency.Normal, "沿街暴露垃圾", Situations.GridA, new GeoPoint(31.30, 120.56)))))]);
        Clock.SetUtcNow(t.AddMinutes(1));
        var cut = Render<IncidentMap>(p => p.Add(x => x.Snapshot, live.Snapshot(Situations.District)));
        Assert.Equal(count, Updates().Single().Orders!.Upserted.Count);

        // One order accepted: only it is sent again, every other marker is kept as drawn.
        live.Apply([new FeedEvent("a1", "test", t.AddMinutes(2), Situations.GridA,
            new WorkOrderActed(WorkOrderId.From("W007"), WorkOrderAction.Accept, "受理员"))]);
        Clock.SetUtcNow(t.AddMinutes(2));
        cut.Render(p => p.Add(x => x.Snapshot, live.Snapshot(Situations.District)));
        var accepted = Updates()[1].Orders!;
        Assert.Equal(("W007", "待派遣"), (accepted.Upserted.Single().Id, accepted.Upserted.Single().State));
        Assert.Empty(accepted.Removed);

        // No event at all, yet time turns the waiting orders' lights: each is read again and sent with its new colour.
        var turned = live.CardOf(WorkOrderId.From("W001"))!;
        Clock.SetUtcNow(turned.Deadline!.Value);
        cut.Render(p => p.Add(x => x.Snapshot, live.Snapshot(Situations.District)));
        var later = Updates().Last().Orders!;
        Assert.Contains(later.Upserted, o => o.Id == "W001" && o.Light != turned.Light.ToString());
        Assert.True(later.Upserted.Count >= count - 1, $"every waiting order turned together ({later.Upserted.Count})");
        Assert.All(later.Upserted, o => Assert.Equal(live.CardOf(WorkOrderId.From(o.Id))!.Light.ToString(), o.Light));
    }

    [Fact]
    public void A_street_wall_is_sent_only_its_own_streets_drones_crowds_cameras_and_members()
    {
        var t = Situations.MondayNine;
        Data.WithStreetB();
        Layers(Situations.GridA, "A", t);
        Layers(Situations.GridB, "B", t);

        Render<IncidentMap>(p => p.Add(x => x.Snapshot, Data.Projection.Snapshot(Situations.StreetA, t.AddSeconds(1))));

        var frame = Updates().Single();
        var ids = frame.Drones!.Upserted.Select(d => d.Id).Concat(frame.Cameras!.Upserted.Select(c => c.Id))
            .Concat(frame.Members!.Upserted.Select(m => m.Id)).Concat(frame.Crowd!.Upserted.Select(c => c.Id)).ToList();
        Assert.Equal(["UAV-A", CameraId("A"), "GM-A", "AREA-A"], ids);
    }

    [Fact]
    public void The_layouts_options_cap_the_orders_set_the_view_and_flag_stale_and_low_drones()
    {
        var t = Situations.MondayNine;
        Data.Report("W1", at: t).Report("W2", at: t.AddMinutes(1)).Report("W3", at: t.AddMinutes(2));
        Data.Telemetry(Drone("UAV-LOW", 31.30, 45, t.AddMinutes(2), battery: 15), Situations.GridA, t.AddMinutes(2));
        Data.Telemetry(Drone("UAV-OLD", 31.30, 45, t), Situations.GridA, t);
        var settings = WidgetSettings.Of(new WidgetPlacement(WidgetTypes.IncidentMap, 0, 0, 4, 4, Options: new Dictionary<string, OptionValue>
        {
            ["maxOrders"] = new OptionValue.Number(2), ["view"] = new OptionValue.Text("centre"), ["centreLat"] = new OptionValue.Number(31.31),
            ["centreLon"] = new OptionValue.Number(120.55), ["zoom"] = new OptionValue.Number(15), ["layers"] = new OptionValue.Names(["orders", "drones"]),
            ["droneStaleSeconds"] = new OptionValue.Number(60), ["lowBattery"] = new OptionValue.Number(25),
        }));

        Render<IncidentMap>(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(2).AddSeconds(30))).Add(x => x.Settings, settings));

        var frame = Updates().Single();
        Assert.Equal(["W2", "W3"], frame.Orders!.Upserted.Select(o => o.Id).Order()); // the newest two: never more than the cap
        Assert.Equal("显示最新 2 单,共 3 单在办", frame.Notice);
        Assert.Equal([("UAV-LOW", false, true), ("UAV-OLD", true, false)],
            frame.Drones!.Upserted.OrderBy(d => d.Id).Select(d => (d.Id, d.Stale, d.LowBattery)));
        var setup = System.Text.Json.JsonSerializer.SerializeToElement(_module.Invocations["create"].Single().Arguments[2]);
        Assert.Equal(("centre", 15, "orders,drones"), (setup.GetProperty("view").GetString(), setup.GetProperty("zoom").GetInt32(),
            string.Join(',', setup.GetProperty("layers").EnumerateArray().Select(l => l.GetString()))));
        Assert.Equal(31.31, setup.GetProperty("centre")[0].GetDouble());
        Assert.Contains("金色社区第1网格", setup.GetProperty("outlines").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A drone, a camera, a grid member and a crowd area filed in <paramref name="grid"/>, ids ending in <paramref name="tag"/>.</summary>
    private void Layers(JurisdictionCode grid, string tag, DateTimeOffset t)
    {
        Data.Telemetry(Drone($"UAV-{tag}", 31.30, 90, t), grid, t);
        Data.Telemetry(new CameraRegistered(new Domain.Cameras.Camera(Domain.Cameras.CameraId.From(CameraId(tag)), "路口", grid, new GeoPoint(31.30, 120.55), true)), grid, t);
        Data.Telemetry(new GridMemberPatrolled(new Domain.GridMembers.PatrolPosition($"GM-{tag}", new GeoPoint(31.30, 120.55), true, t)), grid, t);
        Data.Telemetry(new CrowdFrameObserved(new Domain.Crowd.CrowdFrame($"AREA-{tag}", "广场", new GeoPoint(31.30, 120.55), new GeoPoint(31.302, 120.553),
            20, 2, 2, [1, 2, 3, 4], t, 1.2)), grid.AncestorAt(JurisdictionLevel.Street)!.Value, t);
    }

    private static string CameraId(string tag) => tag == "A" ? "32050500011320000001" : "32050500021320000001";

    private static DroneTelemetryReceived Drone(string id, double lat, double heading, DateTimeOffset at, int battery = 80) =>
        new(new Domain.Drones.DroneTrack(id, new GeoPoint(lat, 120.55), 120, heading, 8, battery, "巡查", at));

    private List<MapFrame> Updates() => [.. _module.Invocations["update"].Select(i => (MapFrame)i.Arguments[1]!)];

    private sealed class Recording : IWallDispatch
    {
        public List<string> Orders { get; } = [];

        public DispatchRecommendation? Recommend(WorkOrderCard order) => null;

        public Task<DispatchOutcome> DispatchAsync(WorkOrderCard order, string? unitId)
        {
            Orders.Add(order.Id.Value);
            return Task.FromResult(DispatchOutcome.Done(new DispatchResult(order.Id.Value, 1, "U-001-city", "狮山横塘街道城管中队", "commander",
                DateTimeOffset.UnixEpoch, ["派单目录"], false)));
        }
    }
}
