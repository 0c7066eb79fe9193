using System.Globalization;
using System.Text;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Ingest;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Feeds.Tests.Ingest;

/// <summary>
/// Where is it (网格定位): items that know a point but not our codes are placed in the grid the point lies in; a code
/// wins over a point; a point outside every grid is refused saying so; a standard CAP 1.2 alert (area, event, sender; none
/// of our parameters) is accepted and placed.
/// </summary>
public sealed class PlacementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Feeds.Simulator.DemoCommunity Community = TestReference.District.Communities[17];
    private static readonly Feeds.Simulator.DemoCommunity Elsewhere = TestReference.District.Communities[90];
    private readonly TicketParser _tickets;
    private readonly AlarmParser _alarms;

    public PlacementTests()
    {
        var time = new FakeTimeProvider(Now);
        _tickets = new TicketParser(TestReference.Book(), time);
        _alarms = new AlarmParser(_tickets, new AlarmRules(new FixedIngestOptions(new IngestOptions())), time);
    }

    [Fact]
    public void A_ticket_with_only_a_location_lands_in_the_grid_its_point_lies_in()
    {
        var at = Community.Centre;

        var outcome = Ticket(Location(at));

        Assert.Null(outcome.Rejection);
        Assert.Equal(JurisdictionLevel.Grid, outcome.Event!.Scope.Level);
        Assert.True(Community.Code.Contains(outcome.Event.Scope), $"{outcome.Event.Scope} is not in {Community.Name}");
        Assert.Equal(TestReference.District.Edition.Locator.Locate(at.Latitude, at.Longitude), outcome.Event.Scope);
    }

    [Fact]
    public void A_code_and_a_point_that_disagree_go_by_the_code_and_the_mismatch_is_logged()
    {
        var at = Elsewhere.Centre;
        var log = new Microsoft.Extensions.Logging.Testing.FakeLogger<TicketParser>();
        var tickets = new TicketParser(TestReference.Book(), new FakeTimeProvider(Now), log);
        var json = "{\"source\": \"gridPatrol\", \"kind\": \"report\", \"category\": \"06010\", \"description\": \"暴露垃圾\", " +
            $"\"jurisdiction\": \"{Community.Grids[0]}\", {Location(at)}}}";

        var outcome = tickets.Parse(new IngestInput(Encoding.UTF8.GetBytes(json), "application/json", "patrol") { AsOf = Now });

        Assert.Equal(Community.Grids[0], outcome.Event!.Scope);
        var record = Assert.Single(log.Collector.GetSnapshot());
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, record.Level);
        Assert.Contains($"names {Community.Grids[0]} but its point", record.Message, StringComparison.Ordinal);
        Assert.Contains($"lies in grid {Elsewhere.Code.Value}", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_outside_every_grid_or_no_place_at_all_is_refused_saying_so()
    {
        var outside = Ticket(Location(new GeoPoint(39.9042, 116.4074)));
        var nowhere = Ticket("");

        var violation = Assert.Single(outside.Rejection!.Violations);
        Assert.Equal(("location", "(39.9042, 116.4074) lies outside every grid of 虎丘区; give a jurisdiction code or a point inside"),
            (violation.Field, violation.Rule));
        Assert.Equal("is required, or a location inside one of the center's grids", Assert.Single(nowhere.Rejection!.Violations).Rule);
    }

    [Fact]
    public void A_standard_CAP_alert_is_placed_by_its_polygons_centre_and_kind_by_its_event()
    {
        var c = Community.Centre;
        // A small square around the community's centre, as "lat,lon" pairs.
        var polygon = string.Join(' ', new[] { (-1, -1), (-1, 1), (1, 1), (1, -1), (-1, -1) }
            .Select(d => $"{F(c.Latitude + d.Item1 * 0.0004)},{F(c.Longitude + d.Item2 * 0.0004)}"));

        var outcome = Cap($"""
            <sender>smoke-platform@hq.example</sender><msgType>Alert</msgType><scope>Public</scope>
            <info><category>Fire</category><event>智能烟感告警</event><urgency>Immediate</urgency><severity>Severe</severity>
            <certainty>Observed</certainty><description>3号楼2单元烟感报警</description>
            <area><areaDesc>{Community.Name}</areaDesc><polygon>{polygon}</polygon></area></info>
            """);

        Assert.Null(outcome.Rejection);
        var raised = outcome.Events.Select(e => e.Payload).OfType<AlarmRaised>().Single();
        Assert.Equal((AlarmKind.Smoke, AlarmSeverity.Major), (raised.AlarmKind, raised.Severity));
        Assert.Equal("cap.smoke-platform_hq.example", raised.DeviceId);
        Assert.True(Community.Code.Contains(outcome.Events[0].Scope), $"{outcome.Events[0].Scope} is not in {Community.Name}");
    }

    [Fact]
    public void A_geocode_naming_one_of_our_codes_wins_over_the_area()
    {
        var far = Elsewhere.Centre;

        var outcome = Cap($"""
            <sender>elevator-platform</sender><msgType>Alert</msgType>
            <info><category>Safety</category><event>电动车进电梯</event><severity>Moderate</severity>
            <area><areaDesc>小区</areaDesc><circle>{F(far.Latitude)},{F(far.Longitude)} 0.05</circle>
            <geocode><valueName>GB/T 2260</valueName><value>320599</value></geocode>
            <geocode><valueName>网格</valueName><value>{Community.Grids[2]}</value></geocode></area></info>
            """);

        Assert.Equal(Community.Grids[2], outcome.Events[0].Scope);
        Assert.Equal(AlarmKind.ElevatorEBike, outcome.Events.Select(e => e.Payload).OfType<AlarmRaised>().Single().AlarmKind);
    }

    [Fact]
    public void A_CAP_alert_whose_event_maps_to_no_kind_or_that_gives_no_place_is_refused_naming_why()
    {
        var unmapped = Cap("""
            <sender>p</sender><msgType>Alert</msgType><info><category>Met</category><event>大风预警</event><severity>Minor</severity>
            <area><areaDesc>全区</areaDesc><geocode><valueName>code</valueName><value>320505</value></geocode></area></info>
            """);
        var placeless = Cap("""
            <sender>p</sender><msgType>Alert</msgType><info><event>烟感</event><severity>Minor</severity><area><areaDesc>某处</areaDesc></area></info>
            """);

        var violation = Assert.Single(unmapped.Rejection!.Violations);
        Assert.Equal("info.event", violation.Field);
        Assert.Contains("'大风预警' (categories Met) maps to no alarm kind; configure Ingest:CapEvents", violation.Rule, StringComparison.Ordinal);
        Assert.Equal(("info.area", "gives no geocode, circle or polygon to place the alert"),
            (placeless.Rejection!.Violations[0].Field, placeless.Rejection.Violations[0].Rule));
    }

    [Theory]
    [InlineData("gas", "01006")]
    [InlineData("sewage", "01002")]
    [InlineData(null, "01001")]
    public void A_manhole_cover_alarm_files_its_order_under_its_own_kind_of_cover(string? manholeKind, string category)
    {
        var time = new FakeTimeProvider(Now);
        var parser = new AlarmParser(_tickets, new AlarmRules(new FixedIngestOptions(new IngestOptions
        {
            AlarmRules = new AlarmRuleOptions { OpenWorkOrderFor = [AlarmKind.ManholeCover] },
        })), time);
        var kind = manholeKind is null ? "" : $", \"manholeKind\": \"{manholeKind}\"";
        var json = $"{{\"deviceId\": \"MH-1\", \"kind\": \"manholeCover\", \"severity\": \"major\", \"jurisdiction\": \"{Community.Grids[0]}\"{kind}}}";

        var outcome = parser.Parse(new IngestInput(Encoding.UTF8.GetBytes(json), "application/json", "iot") { AsOf = Now });

        Assert.Null(outcome.Rejection);
        Assert.Equal(category, outcome.Events.Select(e => e.Payload).OfType<WorkOrderReported>().Single().Report.Category.Value);
    }

    [Fact]
    public void A_drone_without_a_jurisdiction_is_filed_where_it_flies()
    {
        var drones = new DroneParser(_tickets, new FakeTimeProvider(Now));
        IngestOutcome Fly(string id, GeoPoint at) => drones.Parse(new IngestInput(Encoding.UTF8.GetBytes(
            $"{{\"droneId\": \"{id}\", \"lat\": {F(at.Latitude)}, \"lon\": {F(at.Longitude)}, \"at\": \"{Now:O}\"}}"), "application/json", "station") { AsOf = Now });

        var over = Fly("UAV-1", Community.Centre);
        var away = Fly("UAV-2", new GeoPoint(31.0, 121.0));

        Assert.True(Community.Code.Contains(over.Event!.Scope), $"filed under {over.Event.Scope}");
        Assert.Equal(TestReference.Data.Tree.Root.Code, away.Event!.Scope);
    }

    /// <summary>A grid patrol's ticket with these place fields (JSON members, or none).</summary>
    private IngestOutcome Ticket(string place)
    {
        var json = "{\"source\": \"gridPatrol\", \"kind\": \"report\", \"category\": \"06010\", \"description\": \"暴露垃圾\"" +
            (place.Length > 0 ? ", " + place : "") + "}";
        return _tickets.Parse(new IngestInput(Encoding.UTF8.GetBytes(json), "application/json", "patrol") { AsOf = Now });
    }

    private static string Location(GeoPoint at) => $"\"location\": {{\"lat\": {F(at.Latitude)}, \"lon\": {F(at.Longitude)}}}";

    private IngestOutcome Cap(string body) => _alarms.Parse(new IngestInput(Encoding.UTF8.GetBytes($"""
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>CAP-{Guid.NewGuid():N}</identifier>
        <sent>2026-11-23T08:58:00+08:00</sent><status>Actual</status>{body}</alert>
        """), "application/cap+xml", "cap") { AsOf = Now });

    private static string F(double degrees) => degrees.ToString("0.######", CultureInfo.InvariantCulture);
}
