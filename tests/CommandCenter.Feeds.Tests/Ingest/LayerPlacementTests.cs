using System.Globalization;
using System.Text;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Ingest;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Feeds.Tests.Ingest;

/// <summary>
/// The map's layers are filed where they are, so a street's wall and hub clients get exactly what lies in the street: a drone
/// by the grid under it (whatever jurisdiction its platform names), a crowd area by its bounds.
/// </summary>
public sealed class LayerPlacementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Feeds.Simulator.DemoCommunity Here = TestReference.District.Communities[17];
    private static readonly Feeds.Simulator.DemoCommunity There =
        TestReference.District.Communities.First(c => c.Code.AncestorAt(JurisdictionLevel.Street) != Here.Code.AncestorAt(JurisdictionLevel.Street));

    private readonly DroneParser _drones;
    private readonly CrowdParser _crowd;

    public LayerPlacementTests()
    {
        var time = new FakeTimeProvider(Now);
        var places = new TicketParser(TestReference.Book(), time);
        _drones = new DroneParser(places, time);
        _crowd = new CrowdParser(places, new AlarmRules(new FixedIngestOptions(new IngestOptions())), new FixedIngestOptions(new IngestOptions()), time);
    }

    [Fact]
    public void A_drone_is_filed_in_the_grid_it_flies_over_not_where_its_platform_says()
    {
        var named = Drone(There.Centre, There.Code);
        var unnamed = Drone(Here.Centre, null);
        var outside = Drone(new GeoPoint(39.9042, 116.4074), There.Code);

        Assert.Equal(Locate(There.Centre), named.Event!.Scope);
        Assert.True(There.Code.Contains(named.Event.Scope));
        Assert.Equal(Locate(Here.Centre), unnamed.Event!.Scope);
        Assert.Equal(There.Code, outside.Event!.Scope); // outside every grid: where the platform says
        var across = Drone(Here.Centre, There.Code);
        Assert.True(Here.Code.Contains(across.Event!.Scope), $"{across.Event.Scope} is not over {Here.Name}");
    }

    [Fact]
    public void A_crowd_area_is_filed_by_its_bounds_the_lowest_jurisdiction_holding_them()
    {
        var small = Box(Here.Centre, 0.0002);
        var inside = Crowd(small, named: There.Code);
        var pair = StraddlingPair();
        var straddling = Crowd(pair.Box, named: null);
        var outside = Crowd((10.0, 10.0, 10.002, 10.003), named: There.Code);
        var nowhere = Crowd((10.0, 10.0, 10.002, 10.003), named: null);

        Assert.True(Here.Code.Contains(inside.Event!.Scope), $"{inside.Event.Scope} is not in {Here.Name}");
        Assert.Equal(pair.Expected, straddling.Event!.Scope);
        Assert.True(pair.Expected.Level < JurisdictionLevel.Street, $"{pair.Expected} should lie above both streets");
        Assert.Equal(There.Code, outside.Event!.Scope);
        var violation = Assert.Single(nowhere.Rejection!.Violations);
        Assert.Equal(("jurisdiction", "is required when the bounds lie outside the reference's grids"), (violation.Field, violation.Rule));
    }

    /// <summary>Two communities of different streets whose box's corners and centre all lie in grids, and what holds them.</summary>
    private static ((double S, double W, double N, double E) Box, JurisdictionCode Expected) StraddlingPair()
    {
        foreach (var a in TestReference.District.Communities)
        {
            foreach (var b in TestReference.District.Communities.Where(b => b.Code.AncestorAt(JurisdictionLevel.Street) != a.Code.AncestorAt(JurisdictionLevel.Street)))
            {
                var box = (Math.Min(a.Centre.Latitude, b.Centre.Latitude), Math.Min(a.Centre.Longitude, b.Centre.Longitude),
                    Math.Max(a.Centre.Latitude, b.Centre.Latitude), Math.Max(a.Centre.Longitude, b.Centre.Longitude));
                var grids = Points(box).Select(Locate).ToList();
                if (grids.All(g => g is not null))
                {
                    var expected = grids.Skip(1).Aggregate(grids[0]!.Value, (sofar, g) => JurisdictionCode.CommonAncestor(sofar, g!.Value)!.Value);
                    if (expected.Level < JurisdictionLevel.Street)
                    {
                        return (box, expected);
                    }
                }
            }
        }

        throw new InvalidOperationException("the demo district has no two streets whose box lies in grids");
    }

    private static IEnumerable<GeoPoint> Points((double S, double W, double N, double E) b) =>
        [new(b.S, b.W), new(b.S, b.E), new(b.N, b.W), new(b.N, b.E), new((b.S + b.N) / 2, (b.W + b.E) / 2)];

    private static JurisdictionCode? Locate(GeoPoint at) => TestReference.District.Edition.Locator.Locate(at.Latitude, at.Longitude);

    private static (double, double, double, double) Box(GeoPoint centre, double half) =>
        (centre.Latitude - half, centre.Longitude - half, centre.Latitude + half, centre.Longitude + half);

    private IngestOutcome Drone(GeoPoint at, JurisdictionCode? named) => _drones.Parse(Input(
        $"{{\"droneId\": \"UAV-01\", \"lat\": {N(at.Latitude)}, \"lon\": {N(at.Longitude)}, \"at\": \"{Now:O}\"{Named(named)}}}"));

    private IngestOutcome Crowd((double S, double W, double N, double E) b, JurisdictionCode? named) => _crowd.Parse(Input(
        $"{{\"areaId\": \"AREA-1\", \"bounds\": {{\"south\": {N(b.S)}, \"west\": {N(b.W)}, \"north\": {N(b.N)}, \"east\": {N(b.E)}}}, " +
        $"\"cellSize\": 10, \"rows\": 1, \"columns\": 2, \"counts\": [1, 2], \"at\": \"{Now:O}\"{Named(named)}}}"));

    private static string Named(JurisdictionCode? code) => code is { } c ? $", \"jurisdiction\": \"{c.Value}\"" : "";

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static IngestInput Input(string json) => new(Encoding.UTF8.GetBytes(json), "application/json", "platform") { AsOf = Now };
}
