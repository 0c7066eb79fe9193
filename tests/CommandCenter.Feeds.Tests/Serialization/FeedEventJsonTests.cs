using System.Text.Json;
using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Serialization;
using CommandCenter.Feeds.Simulator;

namespace CommandCenter.Feeds.Tests.Serialization;

public class FeedEventJsonTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.FromHours(8));

    private static readonly Domain.Cameras.CameraId Camera = Domain.Cameras.CameraId.From("32050500001320000001");

    /// <summary>One event of each kind: what the simulator makes, and the video platform's camera events.</summary>
    private static List<string> Samples() =>
    [
        .. new DistrictSimulator(DemoDistrict.Build(), new SimulatorOptions(), Start).Advance(Start.AddMinutes(20))
            .GroupBy(e => e.Kind).Select(g => FeedEventJson.Serialize(g.First())),
        FeedEventJson.Serialize(new FeedEvent("cam-1", "video", Start, Domain.Jurisdictions.JurisdictionCode.From("320505"), new CameraStatusChanged(Camera, false))),
        FeedEventJson.Serialize(new FeedEvent("cam-2", "video", Start, Domain.Jurisdictions.JurisdictionCode.From("320505001"), new CameraRegistered(
            new Domain.Cameras.Camera(Camera, "狮山路口", Domain.Jurisdictions.JurisdictionCode.From("320505001"), new Domain.Geo.GeoPoint(31.3, 120.56), true, "rtsp://cam/1")))),
        FeedEventJson.Serialize(new FeedEvent("reference-1", "reference", Start, Domain.Jurisdictions.JurisdictionCode.From("320505"), new ReferenceImported(
            "ab12", "admin", new Dictionary<string, string> { ["departments.csv"] = "id,name\ncity,城管\n" }))),
        FeedEventJson.Serialize(new FeedEvent("task-1", "tasks", Start, Domain.Jurisdictions.JurisdictionCode.From("320505001001001"), new GridTaskAssigned(
            new Domain.GridMembers.GridTask("visit-1", Domain.GridMembers.GridTaskKind.Visit, "GM-001001001",
                Domain.Jurisdictions.JurisdictionCode.From("320505001001001"), "走访:独居老人", Start, AlarmId: "alarm-1")))),
        FeedEventJson.Serialize(new FeedEvent("task-1-done", "tasks", Start, Domain.Jurisdictions.JurisdictionCode.From("320505001001001"),
            new GridTaskDone("visit-1", "GM-001001001", "已走访"))),
    ];

    public static TheoryData<string> OneEventOfEachKind() => new(Samples());

    [Fact]
    public void The_samples_cover_every_kind() =>
        Assert.Equal(Enum.GetValues<FeedEventKind>().Length, Samples().Select(j => JsonDocument.Parse(j).RootElement.GetProperty("kind").GetString()).Distinct().Count());

    [Theory]
    [MemberData(nameof(OneEventOfEachKind))]
    public void Every_kind_survives_a_round_trip(string json)
    {
        var feedEvent = FeedEventJson.Deserialize(json);
        Assert.Equal(json, FeedEventJson.Serialize(feedEvent));
    }

    [Theory]
    [MemberData(nameof(OneEventOfEachKind))]
    public void An_envelope_reads_the_same_whatever_the_order_of_its_keys(string json)
    {
        // Payload first (another writer), and the order PostgreSQL's jsonb keeps (shorter keys first), both read as written.
        using var doc = JsonDocument.Parse(json);
        var properties = doc.RootElement.EnumerateObject().ToList();
        var payloadFirst = "{" + string.Join(",", properties.OrderBy(p => p.Name == "payload" ? 0 : 1).Select(p => p.ToString())) + "}";
        var jsonbOrder = "{" + string.Join(",", properties.OrderBy(p => p.Name.Length).ThenBy(p => p.Name, StringComparer.Ordinal).Select(p => p.ToString())) + "}";

        Assert.Equal(json, FeedEventJson.Serialize(FeedEventJson.Deserialize(payloadFirst)));
        Assert.Equal(json, FeedEventJson.Serialize(FeedEventJson.Deserialize(jsonbOrder)));
    }

    [Fact]
    public void Envelope_uses_camel_case_and_readable_codes()
    {
        var json = Samples().First(j => j.Contains("\"kind\":\"workOrderReported\"", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(json);
        var report = doc.RootElement.GetProperty("payload").GetProperty("report");
        Assert.Matches("^[0-9]{15}$", report.GetProperty("scope").GetString()!);
        Assert.Matches("^[0-9]{5}$", report.GetProperty("category").GetString()!);
        Assert.True(report.GetProperty("location").TryGetProperty("lat", out _));
    }

    [Theory]
    [InlineData("""{"id":"x","source":"s","kind":"nope","occurredAt":"2026-11-23T09:00:00+08:00","scope":"320505","payload":{}}""", "kind: unknown event kind 'nope'")]
    [InlineData("""{"id":"x","source":"s","kind":"alarmCleared","occurredAt":"2026-11-23T09:00:00+08:00","scope":"32","payload":{"deviceId":"d","alarmKind":"smoke"}}""", "scope:")]
    [InlineData("""{"source":"s","kind":"alarmCleared","occurredAt":"2026-11-23T09:00:00+08:00","scope":"320505","payload":{"deviceId":"d","alarmKind":"smoke"}}""", "id: is required")]
    [InlineData("""{"id":"x","source":"s","kind":"alarmCleared","occurredAt":"2026-11-23T09:00:00+08:00","scope":"320505","payload":{"deviceId":"d","alarmKind":"fire"}}""", "payload.alarmKind:")]
    [InlineData("""{"payload":{"deviceId":"d","alarmKind":"fire"},"id":"x","source":"s","kind":"alarmCleared","occurredAt":"2026-11-23T09:00:00+08:00","scope":"320505"}""", "payload.alarmKind:")]
    [InlineData("""{"id":"x","source":"s","kind":"alarmCleared","occurredAt":"2026-11-23T09:00:00+08:00","scope":"320505","payload":null}""", "payload: is required")]
    [InlineData("""{"id":"x","source":"s","occurredAt":"2026-11-23T09:00:00+08:00","scope":"320505","payload":{}}""", "kind: is required")]
    [InlineData("""["not","an","event"]""", "an event must be a JSON object")]
    public void Bad_events_are_refused_naming_the_field(string json, string expected)
    {
        var ex = Assert.Throws<JsonException>(() => FeedEventJson.Deserialize(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
