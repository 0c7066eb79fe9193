using System.Globalization;
using CommandCenter.Domain.Cameras;
using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Sla;
using CommandCenter.Web.Storage;
using Dapper;

namespace CommandCenter.Web.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Telemetry_history_keeps_the_latest_point_per_stream_and_bucket_however_often_it_arrives_and_drops_what_is_too_old()
    {
        var scope = District.Communities[0].Grids[0];
        var camera = CameraId.From("32050500001320000041");
        var points = new List<FeedEvent>();
        for (var second = 0; second < 300; second++)
        {
            var at = Now.AddSeconds(second);
            if (second < 60)
            {
                foreach (var drone in new[] { "UAV-01", "UAV-02" })
                {
                    points.Add(new FeedEvent($"{drone}-{second}", "uav", at, scope,
                        new DroneTelemetryReceived(new DroneTrack(drone, new GeoPoint(31.3 + second * 1e-4, 120.55), 120, 90, 8, 80, "河道巡查", at))));
                }
            }

            if (second % 10 == 0)
            {
                points.Add(new FeedEvent($"cam-{second}", "video", at, scope, new CameraStatusChanged(camera, second % 20 == 0)));
            }
        }

        foreach (var chunk in points.Chunk(25))
        {
            await Store.Log.AppendAsync(chunk, CancellationToken.None);
        }

        foreach (var chunk in points.Chunk(40)) // delivered again, in other batches
        {
            await Store.Log.AppendAsync(chunk, CancellationToken.None);
        }

        var track = await Store.Log.TelemetryHistoryAsync("drone:UAV-01", Now, Now.AddMinutes(1), CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => Now.AddSeconds(5 * i + 4)), track.Select(e => e.OccurredAt)); // the latest of each 5 s
        Assert.Equal(5, (await Store.Log.TelemetryHistoryAsync($"camera:{camera.Value}", Now, Now.AddHours(1), CancellationToken.None)).Count);
        Assert.Equal(29, await HistoryRowsAsync());
        Assert.Equal(3, (await Store.Log.CountsAsync(CancellationToken.None))["telemetry_latest"]);

        // The latest values are the history's newest points; --verify-store checks it and --repair-store restores it.
        var verifier = new StoreVerifier(Store.Log, Store.Database, TestReference.Book(), Clock);
        Assert.Empty(await verifier.VerifyAsync(CancellationToken.None));
        await using (var connection = await Store.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE telemetry_latest SET occurred_at_ms = 1 WHERE key = 'drone:UAV-01'");
            await connection.ExecuteAsync("DELETE FROM telemetry_latest WHERE key = 'drone:UAV-02'");
        }

        Assert.Equal(
        [
            new TableDifference("telemetry_latest", "drone:UAV-01", "occurred_at_ms", "1", Now.AddSeconds(59).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new TableDifference("telemetry_latest", "drone:UAV-02", "(row)", null, "present"),
        ], await verifier.VerifyAsync(CancellationToken.None));
        await verifier.RepairAsync(CancellationToken.None);
        Assert.Empty(await verifier.VerifyAsync(CancellationToken.None));

        var pruned = await Store.Log.PruneTelemetryAsync(Now.AddSeconds(30), CancellationToken.None);

        Assert.Equal(6 + 6, pruned); // the camera's first minute ends at 0:50, after the cut
        Assert.Equal(17, await HistoryRowsAsync());
        Assert.Equal(Now.AddSeconds(34), (await Store.Log.TelemetryHistoryAsync("drone:UAV-02", Now, Now.AddMinutes(1), CancellationToken.None))[0].OccurredAt);
    }

    [Fact]
    public async Task Migration_9_gives_a_store_that_kept_first_points_its_latest_values_in_the_history()
    {
        var scope = District.Communities[0].Grids[0];
        FeedEvent Point(int second) => new($"UAV-07-{second}", "uav", Now.AddSeconds(second), scope, new DroneTelemetryReceived(
            new DroneTrack("UAV-07", new GeoPoint(31.3 + second * 1e-4, 120.55), 120, 90, 8, 80, "河道巡查", Now.AddSeconds(second))));
        await Store.Log.AppendAsync([Point(0), Point(3)], CancellationToken.None);
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        // As the earlier rule left it: the bucket keeps its first point, the latest value is a later one.
        await connection.ExecuteAsync($"UPDATE telemetry_history SET occurred_at_ms = @At, event = {Store.Database.JsonParameter("@Event")} WHERE key = 'drone:UAV-07'",
            new { At = Now.ToUnixTimeMilliseconds(), Event = CommandCenter.Feeds.Serialization.FeedEventJson.Serialize(Point(0)) });
        var verifier = new StoreVerifier(Store.Log, Store.Database, TestReference.Book(), Clock);
        Assert.Single(await verifier.VerifyAsync(CancellationToken.None));

        await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 9");
        Assert.Equal([9], await Store.MigrateAsync(CancellationToken.None));

        Assert.Empty(await verifier.VerifyAsync(CancellationToken.None));
        Assert.Equal(Now.AddSeconds(3), (await Store.Log.TelemetryHistoryAsync("drone:UAV-07", Now, Now.AddMinutes(1), CancellationToken.None)).Single().OccurredAt);
    }

    private async Task<long> HistoryRowsAsync()
    {
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM telemetry_history");
    }
}
