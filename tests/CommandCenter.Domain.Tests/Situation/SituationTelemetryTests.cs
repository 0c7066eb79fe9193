using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Crowd;
using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Sla;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Situation;

/// <summary>Drones and crowds belong to a jurisdiction and a source: each scope sees its own; each source holds a bounded number.</summary>
public sealed class SituationTelemetryTests
{
    private readonly SituationProjection _projection = new(Tree(), TestData.Categories, TestData.Policy);
    private int _next;

    [Fact]
    public void A_street_sees_its_own_drones_and_crowds_and_the_district_sees_all()
    {
        _projection.Apply(Drone("UAV-A", GridA1));
        _projection.Apply(Drone("UAV-B", CommunityB1));
        _projection.Apply(Drone("UAV-D", District)); // placed nowhere below the district
        _projection.Apply(Crowd("AREA-A", StreetA));
        _projection.Apply(Crowd("AREA-B", StreetB));

        var streetA = _projection.Snapshot(StreetA, MondayNine);
        var district = _projection.Snapshot(District, MondayNine);

        Assert.Equal(["UAV-A"], streetA.Drones.Select(d => d.DroneId));
        Assert.Equal(["AREA-A"], streetA.Crowd.Select(c => c.AreaId));
        Assert.Equal(["UAV-A", "UAV-B", "UAV-D"], district.Drones.Select(d => d.DroneId));
        Assert.Equal(["AREA-A", "AREA-B"], district.Crowd.Select(c => c.AreaId));
    }

    [Fact]
    public void A_source_holds_at_most_its_cap_of_drones_and_its_silent_ones_are_pruned()
    {
        var outcomes = Enumerable.Range(0, 1_005).Select(i => _projection.Apply(Drone($"UAV-{i:0000}", GridA1, "flooding-station")).Result).ToList();
        var other = _projection.Apply(Drone("UAV-OK", GridA1, "station-2"));

        Assert.Equal(1_000, outcomes.Count(o => o == ApplyResult.Applied));
        Assert.Equal(5, outcomes.Count(o => o == ApplyResult.Rejected));
        Assert.Equal(ApplyResult.Applied, other.Result); // another source is not held back
        Assert.Equal(ApplyResult.Applied, _projection.Apply(Drone("UAV-0001", GridA1, "flooding-station", seconds: 5)).Result); // a known one moves on

        _projection.Prune(MondayNine.AddMinutes(11));
        Assert.Empty(_projection.Snapshot(District, MondayNine.AddMinutes(11)).Drones);
        Assert.Equal(ApplyResult.Applied, _projection.Apply(Drone("UAV-NEW", GridA1, "flooding-station", seconds: 700)).Result);
    }

    [Fact]
    public void A_source_registers_at_most_its_cap_of_cameras()
    {
        var outcomes = Enumerable.Range(0, SituationProjection.CamerasPerSource + 2)
            .Select(i => _projection.Apply(Camera($"3205050001132{i:0000000}", "camera-platform")).Result).ToList();

        Assert.Equal(2, outcomes.Count(o => o == ApplyResult.Rejected));
        Assert.Equal(SituationProjection.CamerasPerSource, _projection.CameraCount);
        Assert.Equal(ApplyResult.Applied, _projection.Apply(Camera("32050500011320000000", "camera-platform", "改名")).Result); // a known one changes
        Assert.Equal(ApplyResult.Applied, _projection.Apply(Camera("32050500011329999999", "another-platform")).Result);
    }

    [Fact]
    public void A_street_sees_its_own_cameras_with_their_latest_status()
    {
        _projection.Apply(Camera("32050500011320000001", "camera-platform", scope: GridA1));
        _projection.Apply(Camera("32050500011320000002", "camera-platform", scope: CommunityB1));
        _projection.Apply(new FeedEvent($"e-{++_next}", "camera-platform", MondayNine.AddMinutes(1), GridA1,
            new CameraStatusChanged(Domain.Cameras.CameraId.From("32050500011320000001"), false)));

        var streetA = _projection.Snapshot(StreetA, MondayNine.AddMinutes(1));
        var district = _projection.Snapshot(District, MondayNine.AddMinutes(1));

        Assert.Equal([("32050500011320000001", false)], streetA.Cameras.Select(c => (c.Id.Value, c.Online)));
        Assert.Equal((1, 2), (streetA.CameraCount, district.CameraCount));
        Assert.Equal(["32050500011320000001", "32050500011320000002"], district.Cameras.Select(c => c.Id.Value));
    }

    [Fact]
    public void A_scope_lists_its_first_cameras_by_id_and_counts_them_all_and_a_camera_moved_is_listed_where_it_now_is()
    {
        // Registered out of order, more than a snapshot lists, in street A; two in street B.
        foreach (var i in Enumerable.Range(0, SituationSnapshot.MaxCameras + 100).Reverse())
        {
            _projection.Apply(Camera($"3205050001132{i:0000000}", "camera-platform", scope: GridA1));
        }

        _projection.Apply(Camera("32050500011329000001", "camera-platform", scope: CommunityB1));
        _projection.Apply(Camera("32050500011329000002", "camera-platform", scope: CommunityB1));
        // The first of street A's is registered again, now in street B.
        _projection.Apply(Camera("32050500011320000000", "camera-platform", scope: CommunityB1));

        var streetA = _projection.Snapshot(StreetA, MondayNine);
        var streetB = _projection.Snapshot(StreetB, MondayNine);
        var district = _projection.Snapshot(District, MondayNine);

        Assert.Equal((SituationSnapshot.MaxCameras + 99, 3, SituationSnapshot.MaxCameras + 102),
            (streetA.CameraCount, streetB.CameraCount, district.CameraCount));
        Assert.Equal(SituationSnapshot.MaxCameras, streetA.Cameras.Length);
        Assert.Equal([.. Enumerable.Range(1, SituationSnapshot.MaxCameras).Select(i => $"3205050001132{i:0000000}")],
            streetA.Cameras.Select(c => c.Id.Value));
        Assert.Equal(["32050500011320000000", "32050500011329000001", "32050500011329000002"], streetB.Cameras.Select(c => c.Id.Value));
        Assert.All(streetB.Cameras, c => Assert.True(StreetB.Contains(c.Scope)));
    }

    [Fact]
    public void A_drones_trail_is_thinned_bounded_and_forgotten_with_the_drone()
    {
        // A point a second for three hours: one every 10 s is kept, and only the last two hours of them.
        for (var second = 0; second < 3 * 3600; second++)
        {
            _projection.Apply(Drone("UAV-A", GridA1, seconds: second, lat: 31.3 + second * 1e-6));
        }

        var end = MondayNine.AddSeconds(3 * 3600 - 1);
        var trail = _projection.TrailOf("UAV-A", DateTimeOffset.MinValue);
        var recent = _projection.TrailOf("UAV-A", end.AddMinutes(-10));

        Assert.InRange(trail.Count, 719, 721);
        Assert.True(trail.Zip(trail.Skip(1)).All(p => p.Second.At - p.First.At >= TimeSpan.FromSeconds(10)));
        Assert.True(end - trail[0].At <= TimeSpan.FromHours(2));
        Assert.InRange(recent.Count, 59, 61);
        _projection.Prune(end.AddMinutes(11));
        Assert.Empty(_projection.TrailOf("UAV-A", DateTimeOffset.MinValue));
    }

    private FeedEvent Camera(string id, string source, string name = "路口", JurisdictionCode? scope = null) =>
        new($"e-{++_next}", source, MondayNine, scope ?? GridA1, new CameraRegistered(new Domain.Cameras.Camera(Domain.Cameras.CameraId.From(id), name,
            scope ?? GridA1, new GeoPoint(31.3, 120.5), true)));

    private FeedEvent Drone(string id, JurisdictionCode scope, string source = "test", int seconds = 0, double lat = 31.3) =>
        new($"e-{++_next}", source, MondayNine.AddSeconds(seconds), scope,
            new DroneTelemetryReceived(new DroneTrack(id, new GeoPoint(lat, 120.5), 120, 90, 8, 80, "河道巡查", MondayNine.AddSeconds(seconds))));

    private FeedEvent Crowd(string area, JurisdictionCode scope) =>
        new($"e-{++_next}", "test", MondayNine, scope, new CrowdFrameObserved(new CrowdFrame(area, area, new GeoPoint(31.30, 120.50),
            new GeoPoint(31.31, 120.51), 50, 1, 2, [10, 20], MondayNine, 1.2)));
}
