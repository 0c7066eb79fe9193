using CommandCenter.Domain.Crowd;
using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Feeds.Simulator;

public sealed partial class DistrictSimulator
{
    private static readonly string[] Missions = ["河道巡查", "违停巡查", "背街小巷巡查", "工地扬尘巡查"];
    private static readonly TimeSpan TelemetryEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CrowdEvery = TimeSpan.FromSeconds(5);
    private const string CrowdArea = "xsg-old-street";
    private const double CrowdThreshold = 1.2;

    /// <summary>Each drone flies a loop around one street at 1 Hz; its position is a function of the clock.</summary>
    private void StartDrones(DateTimeOffset start)
    {
        for (var i = 0; i < _options.Drones; i++)
        {
            var street = DemoNames.Streets[i % DemoNames.Streets.Length];
            var scope = JurisdictionCode.From(DemoDistrict.DistrictCode + street.Code);
            var drone = $"UAV-{i + 1:00}";
            var shape = RandomFor(i, 3);
            var radius = 0.004 + shape.NextDouble() * 0.004;
            var phase = shape.NextDouble() * 2 * Math.PI;
            var mission = Missions[i % Missions.Length];
            void Tick(DateTimeOffset t, List<FeedEvent> events)
            {
                var seconds = t.ToUnixTimeSeconds();
                var angle = phase + seconds % 600 / 600.0 * 2 * Math.PI;
                var position = new GeoPoint(street.Lat + radius * Math.Sin(angle), street.Lon + radius * Math.Cos(angle));
                var battery = 95 - (int)(seconds % 2400 / 2400.0 * 70);
                var heading = ((90 - angle * 180 / Math.PI) % 360 + 360) % 360;
                events.Add(new FeedEvent($"sim-{drone}-{seconds}", Source, t, scope, new DroneTelemetryReceived(new DroneTrack(
                    drone, position, 120, heading, 2 * Math.PI * radius * 111_000 / 600, battery, mission, t, $"rtsp://127.0.0.1/live/{drone}"))));
                Schedule(t + TelemetryEvery, Tick);
            }

            Schedule(Align(start, TelemetryEvery), Tick);
        }
    }

    /// <summary>
    /// A 10×10 heat map of a scenic old street (20 m cells) every 5 s. The crowd feed's adapter raises the density
    /// alarm when a frame crosses its threshold and clears it when one drops back under (see CrowdParser).
    /// </summary>
    private void CrowdTick(DateTimeOffset t, List<FeedEvent> events)
    {
        Schedule(t + CrowdEvery, CrowdTick);
        var town = DemoNames.Streets.First(s => s.Code == "100");
        var scope = JurisdictionCode.From(DemoDistrict.DistrictCode + town.Code);
        var frame = Frame(t, town.Lat, town.Lon);
        events.Add(new FeedEvent($"sim-crowd-{t.ToUnixTimeSeconds()}", Source, t, scope, new CrowdFrameObserved(frame)));
    }

    private CrowdFrame Frame(DateTimeOffset t, double lat, double lon)
    {
        var noise = RandomFor(t.ToUnixTimeSeconds(), 4);
        var busy = DailyCurve.PerHour(24, t.ToOffset(China).Hour);
        var surge = 1 + 0.6 * Math.Max(0, Math.Sin(t.ToUnixTimeSeconds() / 420.0 * Math.PI));
        var counts = new int[100];
        for (var r = 0; r < 10; r++)
        {
            for (var c = 0; c < 10; c++)
            {
                var hot = Math.Exp(-(Math.Pow(r - 5, 2) + Math.Pow(c - 3, 2)) / 8);
                counts[r * 10 + c] = (int)(busy * surge * (40 + 260 * hot) * (0.95 + noise.NextDouble() * 0.1));
            }
        }

        var sw = new GeoPoint(lat - 0.001, lon - 0.001);
        return new CrowdFrame(CrowdArea, "浒墅关老街", sw, new GeoPoint(sw.Latitude + 0.0018, sw.Longitude + 0.0021),
            20, 10, 10, counts, t, CrowdThreshold);
    }
}
