using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Storage;
using Dapper;

namespace CommandCenter.Web.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Migration_8_scopes_the_ids_stored_before_by_their_source_and_the_tables_follow_the_log()
    {
        // As stored before identities were scoped: two platforms used ticket 0001 (the second report was refused then,
        // its id taken), the desk accepted "0001"; a smoke alarm on SMK-1, acknowledged at the desk.
        var grid = District.Communities[0].Grids[0];
        var t = Now.AddHours(-1);
        FeedEvent E(string id, string source, int minute, FeedPayload payload) => new(id, source, t.AddMinutes(minute), grid, payload);
        WorkOrderReport Report(string title) => new(WorkOrderId.From("0001"), WorkOrderKind.Complaint, WorkOrderSource.Hotline12345,
            CategoryCode.From("06010"), Urgency.Normal, title, grid);
        await Append(
        [
            E("0001-report", "hotline", 0, new WorkOrderReported(Report("小区门口暴露垃圾"))),
            E("0001-report", "grid", 1, new WorkOrderReported(Report("占道经营"))),
            E("desk-1", "desk", 2, new WorkOrderActed(WorkOrderId.From("0001"), WorkOrderAction.Accept, "受理员")),
            E("alarm-1", "iot", 3, new AlarmRaised("SMK-1", AlarmKind.Smoke, AlarmSeverity.Critical, "3号楼烟感")),
            E("desk-2", "desk", 4, new AlarmAcknowledged("SMK-1", AlarmKind.Smoke, "值班员")),
        ]);
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        Assert.Equal(["0001"], await connection.QueryAsync<string>("SELECT id FROM work_orders"));

        await connection.ExecuteAsync("""
            INSERT INTO dispatch_commands (idempotency_key, work_order_id, round, unit_id, unit_name, actor, at_ms, reasons)
            VALUES ('desk-0001-dialog', '0001', 1, 'U-001', '城管中队', 'commander', 0, '')
            """);

        // The store as it stood before migration 8, migrated again.
        await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 8");
        Assert.Equal([8], await Store.MigrateAsync(CancellationToken.None));

        var log = (await connection.QueryAsync<(string Source, string? WorkOrderId, string? AlarmKey)>(
            "SELECT source, work_order_id, alarm_key FROM feed_events ORDER BY seq")).ToList();
        Assert.Equal(
        [
            ("hotline", "hotline.0001", null), ("grid", "grid.0001", null), ("desk", "hotline.0001", null),
            ("iot", null, "iot.SMK-1|Smoke"), ("desk", null, "iot.SMK-1|Smoke"),
        ], log);
        Assert.Equal("hotline.0001", await connection.ExecuteScalarAsync<string>("SELECT work_order_id FROM dispatch_commands"));
        // The tables wait to be rebuilt from the rewritten log.
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders"));
        Assert.Equal(0, await Store.Tables.ProjectedUpToAsync(CancellationToken.None));

        var verifier = new StoreVerifier(Store.Log, Store.Database, TestReference.Book(), Clock);
        await verifier.RepairAsync(CancellationToken.None);
        Assert.Empty(await verifier.VerifyAsync(CancellationToken.None));
        Assert.Equal([("grid.0001", "Reported"), ("hotline.0001", "Accepted")],
            await connection.QueryAsync<(string, string)>("SELECT id, state FROM work_orders ORDER BY id"));
        Assert.Equal(("iot.SMK-1", "值班员"), await connection.QuerySingleAsync<(string, string)>("SELECT device_id, acknowledged_by FROM alarms"));
    }
}
