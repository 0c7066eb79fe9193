using CommandCenter.Domain.Cameras;
using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using Dapper;

namespace CommandCenter.Web.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Telemetry_history_keeps_one_point_per_stream_and_bucket_however_often_it_arrives_and_drops_what_is_too_old()
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
        Assert.Equal(Enumerable.Range(0, 12).Select(i => Now.AddSeconds(5 * i)), track.Select(e => e.OccurredAt));
        Assert.Equal(5, (await Store.Log.TelemetryHistoryAsync($"camera:{camera.Value}", Now, Now.AddHours(1), CancellationToken.None)).Count);
        Assert.Equal(29, await HistoryRowsAsync());
        Assert.Equal(3, (await Store.Log.CountsAsync(CancellationToken.None))["telemetry_latest"]);

        var pruned = await Store.Log.PruneTelemetryAsync(Now.AddSeconds(30), CancellationToken.None);

        Assert.Equal(6 + 6 + 1, pruned);
        Assert.Equal(16, await HistoryRowsAsync());
        Assert.Equal(Now.AddSeconds(30), (await Store.Log.TelemetryHistoryAsync("drone:UAV-02", Now, Now.AddMinutes(1), CancellationToken.None))[0].OccurredAt);
    }

    private async Task<long> HistoryRowsAsync()
    {
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM telemetry_history");
    }
}
