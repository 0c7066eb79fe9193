using System.Globalization;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Cameras;
using CommandCenter.Domain.Events;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/video</c>: a video platform's camera status heartbeats (<c>{"type": "status", "cameraId", "online", "at"}</c>)
/// and AI detections (<c>{"type": "detection", "phase": "new"|"update"|"end", "detectionId", "cameraId", "label", "score", "at",
/// "jurisdiction", "location"?}</c>). Camera ids are GB/T 28181 20-digit ids. A detection raises (new, update) or clears (end)
/// an alarm on its camera; its label says which kind.
/// </summary>
public sealed class VideoParser(TicketParser places, AlarmRules rules, TimeProvider time) : JsonIngestParser
{
    /// <summary>The labels an AI platform reports, and the alarm each raises.</summary>
    public static readonly IReadOnlyDictionary<string, AlarmKind> Labels = new Dictionary<string, AlarmKind>(StringComparer.Ordinal)
    {
        ["smoke"] = AlarmKind.Smoke,
        ["fire"] = AlarmKind.Smoke,
        ["ebike-in-elevator"] = AlarmKind.ElevatorEBike,
        ["high-altitude-throw"] = AlarmKind.HighAltitudeThrow,
        ["garbage-overflow"] = AlarmKind.GarbageRoom,
        ["crowd"] = AlarmKind.CrowdDensity,
        ["illegal-parking"] = AlarmKind.GeomagneticParking,
        ["intrusion"] = AlarmKind.AccessAnomaly,
    };

    public override string Feed => "video";

    protected override IngestOutcome Read(FieldReader fields, IngestInput input)
    {
        var now = time.GetUtcNow();
        var type = fields.String("type", required: true, 16);
        var camera = Camera(fields);
        var at = fields.Timestamp("at", required: true, now, TimeSpan.FromDays(1), TimeSpan.FromMinutes(1));
        switch (type)
        {
            case "status":
            {
                var online = fields.TryGet("online", out var value) && value.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
                    ? value.GetBoolean()
                    : (bool?)null;
                if (online is null)
                {
                    fields.Fail("online", "is required: true or false");
                }

                var scope = places.Jurisdiction(fields, "jurisdiction", required: false) ?? places.Root;
                if (fields.Violations.Count > 0)
                {
                    return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
                }

                return IngestOutcome.Accepted(new FeedEvent($"camera-{camera!.Value.Value}-{at!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}",
                    input.Source, at.Value, scope, new CameraStatusChanged(camera.Value, online!.Value)));
            }

            case "detection":
            {
                var phase = fields.String("phase", required: true, 16);
                if (phase is not null and not ("new" or "update" or "end"))
                {
                    fields.Fail("phase", $"must be new, update or end (is '{phase}')");
                }

                var detection = AlarmParser.DeviceId(fields, "detectionId");
                var label = fields.String("label", required: true, 40);
                if (label is not null && !Labels.ContainsKey(label))
                {
                    fields.Fail("label", $"must be one of {string.Join(", ", Labels.Keys)} (is '{label}')");
                }

                var score = fields.Number("score", required: true, 0, 1);
                var scope = places.Jurisdiction(fields, "jurisdiction");
                var location = TicketParser.Location(fields, "location");
                if (fields.Violations.Count > 0)
                {
                    return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
                }

                var kind = Labels[label!];
                var id = $"video-{detection}-{phase}-{at!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
                FeedPayload payload = phase == "end"
                    ? new AlarmCleared(camera!.Value.Value, kind)
                    : new AlarmRaised(camera!.Value.Value, kind, score >= 0.9 ? AlarmSeverity.Major : AlarmSeverity.Minor,
                        string.Create(CultureInfo.InvariantCulture, $"视频识别 {label} 置信度 {score:0.00}"), location);
                return IngestOutcome.Accepted(rules.Apply(new FeedEvent(id, input.Source, at.Value, scope!.Value, payload)));
            }

            default:
                if (type is not null)
                {
                    fields.Fail("type", $"must be status or detection (is '{type}')");
                }

                return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
        }
    }

    private static CameraId? Camera(FieldReader fields)
    {
        var text = fields.String("cameraId", required: true, 32);
        if (text is null)
        {
            return null;
        }

        if (!CameraId.TryFrom(text, out var id, out var error))
        {
            fields.Fail("cameraId", error);
            return null;
        }

        return id;
    }
}
