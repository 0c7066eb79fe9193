using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Cameras;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task The_outbox_gives_a_relay_its_events_in_the_order_written_within_one_millisecond()
    {
        // Acceptance then dispatch, in one transaction and one millisecond (the store's clock is fixed): a relay that
        // republished them the other way round would put the dispatch first in the log, where it is refused.
        var grid = District.Communities[0].Grids[0];
        FeedEvent Act(string id, WorkOrderAction action) => new(id, "dispatch", Now, grid,
            new WorkOrderActed(WorkOrderId.From("ORD-1"), action, "commander", UnitId: action == WorkOrderAction.Dispatch ? "U-1" : null));
        DispatchRecord proposal = new()
        {
            IdempotencyKey = "dialog-order", WorkOrderId = "ORD-1", Round = 1, UnitId = "U-1", UnitName = "U-1", Actor = "commander",
            AtMs = Now.ToUnixTimeMilliseconds(), Reasons = "目录主办",
        };
        await Store.Dispatch.RecordDispatchAsync(proposal, [Act("z-ORD-1-r1-accept", WorkOrderAction.Accept), Act("a-ORD-1-r1-dispatch", WorkOrderAction.Dispatch)],
            new AuditRecord("commander", "work-order.dispatch", "ORD-1"), CancellationToken.None);
        var unpublished = await Store.Dispatch.UnpublishedAsync(Now.AddMinutes(1), 10, CancellationToken.None);

        Assert.Equal(["z-ORD-1-r1-accept", "a-ORD-1-r1-dispatch"], unpublished.Select(e => e.Id));
    }

    [Fact]
    public async Task A_dispatch_is_recorded_once_per_key_and_per_round_with_its_audit_row_and_outbox_events()
    {
        var grid = District.Communities[0].Grids[0];
        DispatchRecord Proposal(string key, string unit) => new()
        {
            IdempotencyKey = key, WorkOrderId = "CMD-1", Round = 1, UnitId = unit, UnitName = unit, Actor = "commander",
            AtMs = Now.ToUnixTimeMilliseconds(), Reasons = "目录主办\n本街道",
        };
        FeedEvent Dispatch(string unit) => new($"CMD-1-r1-dispatch-{unit}", "dispatch", Now, grid,
            new WorkOrderActed(WorkOrderId.From("CMD-1"), WorkOrderAction.Dispatch, "commander", UnitId: unit));

        var (first, created) = await Store.Dispatch.RecordDispatchAsync(Proposal("dialog-0001", "U-1"), [Dispatch("U-1")],
            new AuditRecord("commander", "work-order.dispatch", "CMD-1"), CancellationToken.None);
        var (again, againCreated) = await Store.Dispatch.RecordDispatchAsync(Proposal("dialog-0001", "U-1"), [Dispatch("U-1")],
            new AuditRecord("commander", "work-order.dispatch", "CMD-1"), CancellationToken.None);
        var (rival, rivalCreated) = await SecondStore().Dispatch.RecordDispatchAsync(Proposal("dialog-0002", "U-2"), [Dispatch("U-2")],
            new AuditRecord("op-shishan", "work-order.dispatch", "CMD-1"), CancellationToken.None);

        Assert.Equal((true, false, false), (created, againCreated, rivalCreated));
        Assert.Equal(["U-1", "U-1", "U-1"], new[] { first, again, rival }.Select(d => d.UnitId));
        Assert.Equal("dialog-0001", (await Store.Dispatch.LatestDispatchAsync("CMD-1", CancellationToken.None))!.IdempotencyKey);
        Assert.Single(await Store.Audit.SearchAuditAsync(new AuditQuery(ActionPrefix: "work-order.dispatch"), CancellationToken.None));
        Assert.True(await Store.Dispatch.HasRecordedAsync("CMD-1-r1-dispatch-U-1", CancellationToken.None));
        Assert.False(await Store.Dispatch.HasRecordedAsync("CMD-1-r1-dispatch-U-2", CancellationToken.None));

        var unpublished = await Store.Dispatch.UnpublishedAsync(Now.AddMinutes(1), 10, CancellationToken.None);
        Assert.Equal(["CMD-1-r1-dispatch-U-1"], unpublished.Select(e => e.Id));
        await Store.Dispatch.MarkPublishedAsync(unpublished, CancellationToken.None);
        Assert.Empty(await Store.Dispatch.UnpublishedAsync(Now.AddMinutes(1), 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_desk_action_is_recorded_once_however_often_it_is_clicked()
    {
        var grid = District.Communities[0].Grids[0];
        var sign = new FeedEvent("CMD-2-sign-dialog-7", "desk", Now, grid, new WorkOrderActed(WorkOrderId.From("CMD-2"), WorkOrderAction.SignOff, "城管中队"));
        var audit = new AuditRecord("op-shishan", "work-order.sign-off", "CMD-2");

        Assert.True(await Store.Dispatch.RecordActionAsync(sign, audit, CancellationToken.None));
        Assert.False(await SecondStore().Dispatch.RecordActionAsync(sign, audit, CancellationToken.None));
        Assert.Single(await Store.Audit.SearchAuditAsync(new AuditQuery(Target: "CMD-2"), CancellationToken.None));
    }

    [Fact]
    public async Task The_camera_registry_is_projected_from_its_events_and_a_re_registration_replaces_the_camera()
    {
        var scope = Domain.Jurisdictions.JurisdictionCode.From("320505001");
        FeedEvent Registered(string id, string name, int n) => new($"cam-{id}-{n}", "video", Now.AddMinutes(n), scope,
            new CameraRegistered(new Camera(CameraId.From(id), name, scope, new GeoPoint(31.3, 120.56), Online: true, $"rtsp://10.0.0.{n}/1")));

        var stored = await Store.Log.AppendAsync(
            [Registered("32050500001320000031", "狮山路口", 1), Registered("32050500001320000032", "何山桥", 2),
             Registered("32050500001320000031", "狮山路口(东)", 3)], CancellationToken.None);
        await Store.Tables.ApplyAsync(await Projector().ProjectAsync(stored, new NoHistory()), 0, stored[^1].Seq, CancellationToken.None);

        var cameras = await Store.Tables.CamerasAsync(CancellationToken.None);
        Assert.Equal([("32050500001320000031", "狮山路口(东)", "rtsp://10.0.0.3/1"), ("32050500001320000032", "何山桥", "rtsp://10.0.0.2/1")],
            cameras.Select(c => (c.Id.Value, c.Name, c.StreamUrl!)));
    }
}
