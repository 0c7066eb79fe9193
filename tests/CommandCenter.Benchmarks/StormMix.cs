using System.Globalization;
using System.Text;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The storm mix of the feeds, per second at factor 1: 20 tickets, 50 alarms (raised and cleared in turn), 1,500 drone
/// points from 50 drones, 10 crowd frames, 400 grid-member positions and 20 camera heartbeats (2,000 events).
/// </summary>
internal sealed class StormMix
{
    public sealed record Feed(string Name, string Path, double PerSecond, Func<long, DateTimeOffset, byte[]> Body);

    private readonly (string Id, string Grid, double Lat, double Lon)[] _members;

    public StormMix(string tag)
    {
        var csv = File.ReadAllLines(Path.Combine(ChildProcess.RepositoryRoot(), "wall-layouts", "reference", "grid-members.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f.Length >= 4).ToArray();
        _members = [.. csv.Select((f, i) => (f[0], f[3], 31.28 + (i % 40) * 0.001, 120.52 + (i / 40 % 40) * 0.001))];
        Feeds =
        [
            new("tickets", "/api/ingest/tickets", 20, (i, at) => Json($$"""
                {"id":"{{tag}}-T{{i:D8}}","source":"hotline12345","kind":"complaint","category":"06028","urgency":"normal","description":"风暴测试:夜间施工噪声扰民 {{i}}","jurisdiction":"320505001001001","location":{"lat":31.30,"lon":120.55} }
                """)),
            new("alarms", "/api/ingest/alarms", 50, (i, at) => Json($$"""
                {"id":"{{tag}}-A{{i:D8}}","deviceId":"{{tag}}-SMK-{{i / 2 % 2000:D4}}","kind":"smoke","severity":"major","state":"{{(i % 2 == 0 ? "raised" : "cleared")}}","description":"烟感报警","jurisdiction":"320505001001001","at":"{{Time(at)}}"}
                """)),
            new("drones", "/api/ingest/drones", 1500, (i, at) => Json($$"""
                {"droneId":"{{tag}}-UAV-{{i % 50:D2}}","lat":{{Coordinate(31.29 + i % 50 * 0.001 + i % 7 * 0.0001)}},"lon":{{Coordinate(120.54 + i % 11 * 0.0001)}},"alt":120,"heading":90,"speed":8,"battery":80,"mission":"河道巡查","at":"{{Time(at)}}"}
                """)),
            new("crowd", "/api/ingest/crowd", 10, (i, at) => Json($$"""
                {"areaId":"{{tag}}-AREA-{{i % 20:D2}}","areaName":"广场 {{i % 20}}","bounds":{"south":31.300,"west":120.560,"north":31.302,"east":120.563},"cellSize":10,"rows":2,"columns":2,"counts":[20,40,90,{{100 + i % 50}}],"jurisdiction":"320505001","at":"{{Time(at)}}"}
                """)),
            new("patrols", "/api/ingest/patrols", 400, (i, at) =>
            {
                var m = _members[i % _members.Length];
                return Json($$"""
                    {"memberId":"{{m.Id}}","lat":{{Coordinate(m.Lat + i % 5 * 0.0001)}},"lon":{{Coordinate(m.Lon)}},"onDuty":true,"at":"{{Time(at)}}"}
                    """);
            }),
            new("video", "/api/ingest/video", 20, (i, at) => Json($$"""
                {"type":"status","cameraId":"320505000013200{{i % 200:D5}}","online":{{(i % 7 == 0 ? "false" : "true")}},"at":"{{Time(at)}}"}
                """)),
        ];
    }

    public IReadOnlyList<Feed> Feeds { get; }

    /// <summary>
    /// How many distinct things each telemetry feed of the mix reports on (drones, crowd areas, grid members, cameras): the
    /// first that many events of the feed name each once, so posting them shows the whole population whatever the rate.
    /// </summary>
    public IReadOnlyDictionary<string, int> Population => new Dictionary<string, int>
    {
        ["drones"] = 50, ["crowd"] = 20, ["patrols"] = _members.Length, ["video"] = 200,
    };

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text.Trim());

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string Coordinate(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
