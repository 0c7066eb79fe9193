using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>A valid example of every feed is accepted and shows in the live picture.</summary>
public sealed class FeedsTests : IAsyncLifetime
{
    private readonly IngestApp _app = new();
    private LiveSituation _live = default!;
    private HttpClient _feed = default!;
    private DateTimeOffset _now;

    private static readonly JurisdictionCode District = JurisdictionCode.From("320505");

    public async Task InitializeAsync()
    {
        await _app.ReadyAsync();
        _live = _app.Services.GetRequiredService<LiveSituation>();
        _feed = _app.Feed();
        _now = _app.Clock.GetUtcNow();
    }

    public async Task DisposeAsync()
    {
        _feed.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_smoke_alarm_shows_on_the_ticker_and_opens_an_urgent_order_by_the_alarm_rules()
    {
        var id = await AcceptedAsync("alarms", new
        {
            deviceId = "SMK-0001", kind = "smoke", severity = "major", description = "3号楼2单元烟感",
            jurisdiction = "320505001001001", location = new { lat = 31.30, lon = 120.56 }, at = _now.ToString("O"),
        });

        await _live.WaitForAsync(() => _live.Snapshot(District).ActiveAlarms.Any(a => a.DeviceId == "iot-platform.SMK-0001"), TimeSpan.FromSeconds(10));
        await _live.WaitForAsync(() => _live.Snapshot(District).OpenOrders.Any(o => o.Source == WorkOrderSource.IotAlarm), TimeSpan.FromSeconds(10));
        var order = _live.Snapshot(District).OpenOrders.Single(o => o.Source == WorkOrderSource.IotAlarm);
        Assert.Equal((Urgency.Urgent, "消防设施"), (order.Urgency, order.CategoryName));
        Assert.StartsWith("alarm-SMK-0001-Smoke-raise-", id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manhole_alarm_opens_no_order_and_a_cleared_alarm_leaves_the_ticker()
    {
        await AcceptedAsync("alarms", new { deviceId = "MH-7", kind = "manholeCover", jurisdiction = "320505002", at = _now.ToString("O") });
        await _live.WaitForAsync(() => _live.Snapshot(District).ActiveAlarms.Any(a => a.DeviceId == "iot-platform.MH-7"), TimeSpan.FromSeconds(10));
        Assert.Empty(_live.Snapshot(District).OpenOrders);

        await AcceptedAsync("alarms", new { deviceId = "MH-7", kind = "manholeCover", state = "cleared", jurisdiction = "320505002", at = _now.AddSeconds(1).ToString("O") });
        await _live.WaitForAsync(() => _live.Snapshot(District).ActiveAlarms.All(a => a.DeviceId != "iot-platform.MH-7"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_cap_alert_is_read_like_a_json_alarm()
    {
        var cap = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>IOT-2026-000123</identifier><sender>iot.example.gov.cn</sender><sent>{_now:yyyy-MM-ddTHH:mm:sszzz}</sent>
              <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
              <info>
                <category>Safety</category><event>独居老人一键呼叫</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
                <description>独居老人一键告警</description>
                <parameter><valueName>deviceId</valueName><value>OKA-88</value></parameter>
                <parameter><valueName>alarmKind</valueName><value>ElderlyOneKey</value></parameter>
                <parameter><valueName>jurisdiction</valueName><value>320505001002001</value></parameter>
                <area><areaDesc>金色社区</areaDesc><circle>31.301,120.561 0</circle></area>
              </info>
            </alert>
            """;

        var response = await _feed.PostAsync(new Uri("/api/ingest/alarms", UriKind.Relative), new StringContent(cap, Encoding.UTF8, "application/cap+xml"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _live.WaitForAsync(() => _live.Snapshot(District).ActiveAlarms.Any(a => a.DeviceId == "iot-platform.OKA-88" && a.Kind == AlarmKind.ElderlyOneKey && a.Severity == AlarmSeverity.Major), TimeSpan.FromSeconds(10));
        await _live.WaitForAsync(() => _live.Snapshot(District).OpenOrders.Any(o => o.Title.StartsWith("独居老人", StringComparison.Ordinal) || o.Source == WorkOrderSource.IotAlarm), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Drone_telemetry_is_coalesced_to_the_latest_point_per_drone()
    {
        await AcceptedAsync("drones", Drone(2, 31.32));
        var older = await _feed.PostAsJsonAsync("/api/ingest/drones", Drone(1, 31.31));
        await AcceptedAsync("drones", Drone(3, 31.33));

        Assert.Equal(HttpStatusCode.Accepted, older.StatusCode);
        Assert.True(JsonDocument.Parse(await older.Content.ReadAsStringAsync()).RootElement.GetProperty("coalesced").GetBoolean());
        await _live.WaitForAsync(() => _live.Snapshot(District).Drones.Any(d => d.DroneId == "UAV-09" && d.Position.Latitude == 31.33), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_crowd_frame_over_the_threshold_raises_a_crowd_alarm()
    {
        await AcceptedAsync("crowd", new
        {
            areaId = "AREA-SQ-1", areaName = "狮山广场", bounds = new { south = 31.300, west = 120.560, north = 31.302, east = 120.563 },
            cellSize = 10, rows = 2, columns = 2, counts = new[] { 20, 40, 90, 310 }, at = _now.ToString("O"), jurisdiction = "320505001",
        });

        await _live.WaitForAsync(() => _live.Snapshot(District).Crowd.Any(c => c.AreaId == "AREA-SQ-1" && c.Total == 460), TimeSpan.FromSeconds(10));
        await _live.WaitForAsync(() => _live.Snapshot(District).ActiveAlarms.Any(a => a.Kind == AlarmKind.CrowdDensity), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Video_detections_raise_and_end_an_alarm_on_their_camera()
    {
        var camera = "32050500001320000001";
        await AcceptedAsync("video", new { type = "status", cameraId = camera, online = true, at = _now.ToString("O") });
        await AcceptedAsync("video", new
        {
            type = "detection", phase = "new", detectionId = "DET-1", cameraId = camera, label = "ebike-in-elevator", score = 0.93,
            at = _now.ToString("O"), jurisdiction = "320505001001001",
        });
        await _live.WaitForAsync(() => _live.Snapshot(District).ActiveAlarms.Any(a => a.DeviceId == $"iot-platform.{camera}" && a.Kind == AlarmKind.ElevatorEBike), TimeSpan.FromSeconds(10));

        await AcceptedAsync("video", new
        {
            type = "detection", phase = "end", detectionId = "DET-1", cameraId = camera, label = "ebike-in-elevator", score = 0.93,
            at = _now.AddSeconds(20).ToString("O"), jurisdiction = "320505001001001",
        });
        await _live.WaitForAsync(() => _live.Snapshot(District).ActiveAlarms.All(a => a.DeviceId != $"iot-platform.{camera}"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_camera_registry_is_imported_from_json_and_csv_and_a_bad_line_imports_nothing()
    {
        await AcceptedAsync("video", new
        {
            type = "registry",
            cameras = new[] { new { cameraId = "32050500001320000011", name = "狮山路口东", jurisdiction = "320505001", lat = 31.30, lon = 120.56, streamUrl = "rtsp://10.0.0.11/1" } },
        });
        var csv = """
            cameraId,name,jurisdiction,lat,lon,streamUrl
            32050500001320000012,枫桥菜场,320505002,31.322,120.545,
            32050500001320000013,横塘码头,320505003,31.268,120.565,rtsp://10.0.0.13/1
            """;
        var imported = await _feed.PostAsync(new Uri("/api/ingest/video", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));
        var bad = await _feed.PostAsync(new Uri("/api/ingest/video", UriKind.Relative),
            new StringContent(csv.Replace("31.268", "north", StringComparison.Ordinal).Replace("0013", "0014", StringComparison.Ordinal), Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Accepted, imported.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("cameras[1].lat", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _live.WaitForAsync(() => _live.CameraCount == 3, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_ticket_is_accepted_and_on_the_wall()
    {
        await AcceptedAsync("tickets", new
        {
            id = "12345-FEED-1", source = "hotline12345", kind = "complaint", category = "06028", description = "夜间施工噪声", jurisdiction = "320505001001001",
        });

        await _live.WaitForAsync(() => _live.CardOf(WorkOrderId.From("iot-platform.12345-FEED-1")) is not null, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_ticket_is_logged_with_the_limits_it_was_accepted_under()
    {
        var eventId = await AcceptedAsync("tickets", new
        {
            id = "12345-FEED-SLA", source = "hotline12345", kind = "complaint", category = "06010", urgency = "urgent",
            description = "小区门口暴露垃圾", jurisdiction = "320505001001001",
        });

        // 202 means committed: the event is in the log already, with its limits.
        await using var connection = await _app.Store.OpenAsync(CancellationToken.None);
        var payload = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection,
            "SELECT payload FROM feed_events WHERE event_id = @eventId", new { eventId });
        var report = ((Domain.Events.WorkOrderReported)Feeds.Serialization.FeedEventJson.Deserialize(payload!).Payload).Report;
        Assert.Equal(TestReference.Data.Sla.LimitsFor(report.Category, report.Kind, Domain.WorkOrders.Urgency.Urgent), report.Sla);
        Assert.True(report.Sla!.WallClock);
    }

    private object Drone(int second, double lat) => new
    {
        droneId = "UAV-09", lat, lon = 120.55, alt = 120, heading = 90, speed = 8, battery = 76, mission = "河道巡查",
        at = _now.AddSeconds(second - 10).ToString("O"),
    };

    private async Task<string> AcceptedAsync(string feed, object body)
    {
        var response = await _feed.PostAsJsonAsync($"/api/ingest/{feed}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{feed}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("eventId").GetString()!;
    }
}
