using System.Net;
using System.Net.Http.Json;
using CommandCenter.Web.Live;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>The camera registry is a projected table like the others: imported once, it is there after a restart.</summary>
public sealed class CameraRegistryRestartTests : IDisposable
{
    private readonly string _database = TestDatabases.NewSqlitePath();

    [Fact]
    public async Task Cameras_imported_before_a_restart_are_in_the_registry_after_it()
    {
        await using (var first = new IngestApp { SqlitePath = _database })
        {
            await first.ReadyAsync();
            using var feed = first.Feed();
            var imported = await feed.PostAsJsonAsync("/api/ingest/video", new
            {
                type = "registry",
                cameras = new[]
                {
                    new { cameraId = "32050500001320000021", name = "狮山路口西", jurisdiction = "320505001", lat = 31.301, lon = 120.561, streamUrl = "rtsp://10.0.0.21/1" },
                    new { cameraId = "32050500001320000022", name = "枫桥景区北门", jurisdiction = "320505002", lat = 31.318, lon = 120.548, streamUrl = "rtsp://10.0.0.22/1" },
                },
            });
            Assert.Equal(HttpStatusCode.Accepted, imported.StatusCode);
            var projector = first.Services.GetRequiredService<LogProjector>();
            var bus = first.Services.GetRequiredService<Feeds.Bus.LoggedFeedBus>();
            await projector.WaitForAsync(() => projector.ProjectedUpTo >= bus.CommittedPosition, TimeSpan.FromSeconds(30));
        }

        await using var second = new IngestApp { SqlitePath = _database };
        var services = await second.ReadyAsync();

        Assert.Equal(2, services.GetRequiredService<LiveSituation>().CameraCount);
        var registry = await services.GetRequiredService<IProjectedTables>().CamerasAsync(CancellationToken.None);
        Assert.Equal(["32050500001320000021", "32050500001320000022"], registry.Select(c => c.Id.Value));
        Assert.Equal(("枫桥景区北门", "320505002", 31.318, "rtsp://10.0.0.22/1"),
            (registry[1].Name, registry[1].Scope.Value, registry[1].Location.Latitude, registry[1].StreamUrl));
    }

    public void Dispose()
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_database)!, Path.GetFileName(_database) + "*"))
        {
            File.Delete(file);
        }
    }
}
