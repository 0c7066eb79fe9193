using System.Globalization;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Cameras;
using CommandCenter.Domain.Events;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/video</c>: a video platform's camera status heartbeats (<c>{"type": "status", "cameraId", "online", "at"}</c>)
/// and AI detections (<c>{"type": "detection", "phase": "new"|"update"|"end", "detectionId", "cameraId", "label", "score", "at",
/// "jurisdiction", "location"?}</c>). Camera ids are GB/T 28181 20-digit ids. A detection raises (new, update) or clears (end)
/// an alarm on its camera; its label says which kind. The camera registry is imported as JSON
/// (<c>{"type": "registry", "cameras": [{"cameraId", "name", "jurisdiction", "lat", "lon", "streamUrl"?}]}</c>) or as CSV
/// (<c>text/csv</c>, header <c>cameraId,name,jurisdiction,lat,lon,streamUrl</c>); a file with any bad camera imports none.
/// </summary>
public sealed class VideoParser(TicketParser places, AlarmRules rules, TimeProvider time) : JsonIngestParser
{
    public const int MaxCameras = 10_000;
    public const string CsvHeader = "cameraId,name,jurisdiction,lat,lon,streamUrl";

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

    public override bool Accepts(string? contentType) => IsJson(contentType) || IsCsv(contentType);

    public override IngestOutcome Parse(IngestInput input) => IsCsv(input.ContentType) ? FromCsv(input) : base.Parse(input);

    private static bool IsCsv(string? contentType) => contentType is not null && contentType.Split(';')[0].Trim().Equals("text/csv", StringComparison.OrdinalIgnoreCase);

    protected override IngestOutcome Read(FieldReader fields, IngestInput input)
    {
        var now = input.AsOf ?? time.GetUtcNow();
        var type = fields.Text("type", required: true, 16);
        if (type == "registry")
        {
            return Registry(fields, input, now);
        }

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
                var phase = fields.Text("phase", required: true, 16);
                if (phase is not null and not ("new" or "update" or "end"))
                {
                    fields.Fail("phase", $"must be new, update or end (is '{phase}')");
                }

                var detection = AlarmParser.DeviceId(fields, "detectionId");
                var label = fields.Text("label", required: true, 40);
                if (label is not null && !Labels.ContainsKey(label))
                {
                    fields.Fail("label", $"must be one of {string.Join(", ", Labels.Keys)} (is '{label}')");
                }

                var score = fields.Number("score", required: true, 0, 1);
                var location = TicketParser.Location(fields, "location");
                var scope = places.Place(fields, "jurisdiction", location, "location", input.Source);
                if (fields.Violations.Count > 0)
                {
                    return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
                }

                var kind = Labels[label!];
                var id = $"video-{detection}-{phase}-{at!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
                var device = SourceScope.Of(input.Source, camera!.Value.Value); // the source's camera, as an alarm device
                FeedPayload payload = phase == "end"
                    ? new AlarmCleared(device, kind)
                    : new AlarmRaised(device, kind, score >= 0.9 ? AlarmSeverity.Major : AlarmSeverity.Minor,
                        string.Create(CultureInfo.InvariantCulture, $"视频识别 {label} 置信度 {score:0.00}"), location);
                return IngestOutcome.Accepted(rules.Apply(new FeedEvent(id, input.Source, at.Value, scope!.Value, payload)));
            }

            default:
                if (type is not null)
                {
                    fields.Fail("type", $"must be status, detection or registry (is '{type}')");
                }

                return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
        }
    }

    private IngestOutcome Registry(FieldReader fields, IngestInput input, DateTimeOffset now)
    {
        if (!fields.TryGet("cameras", out var list) || list.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            fields.Fail("cameras", "is required: an array of cameras");
            return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
        }

        if (list.GetArrayLength() is var count && count is 0 or > MaxCameras)
        {
            fields.Fail("cameras", $"must hold 1–{MaxCameras} cameras (holds {count})");
            return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
        }

        var events = new List<FeedEvent>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"cameras[{index++}]";
            if (item.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                fields.Violations.Add(new IngestViolation(path, "must be an object"));
                continue;
            }

            var entry = new FieldReader(item, path, fields.Violations);
            var before = fields.Violations.Count;
            var id = Camera(entry);
            var name = entry.Text("name", required: true, 60);
            var scope = places.Jurisdiction(entry, "jurisdiction");
            var lat = entry.Number("lat", required: true, -90, 90);
            var lon = entry.Number("lon", required: true, -180, 180);
            var stream = entry.Text("streamUrl", required: false, 500);
            if (stream is not null && (!Uri.TryCreate(stream, UriKind.Absolute, out var uri) || uri.Scheme is not ("rtsp" or "rtmp" or "http" or "https" or "webrtc")))
            {
                entry.Fail("streamUrl", "must be an absolute rtsp, rtmp, http(s) or webrtc URL");
            }

            if (fields.Violations.Count == before)
            {
                var camera = new Domain.Cameras.Camera(id!.Value, name!, scope!.Value, new Domain.Geo.GeoPoint(lat!.Value, lon!.Value), Online: true, stream);
                // The same entry imported again is the same event: re-importing a registry changes nothing.
                var stamp = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
                    string.Join('|', camera.Id.Value, camera.Name, camera.Scope.Value, lat.Value.ToString("R", CultureInfo.InvariantCulture),
                        lon.Value.ToString("R", CultureInfo.InvariantCulture), stream ?? ""))))[..12];
                events.Add(new FeedEvent($"camera-reg-{camera.Id.Value}-{stamp}", input.Source, now, camera.Scope, new CameraRegistered(camera)));
            }

            if (fields.Violations.Count >= 50)
            {
                break; // enough to fix; the rest would only repeat
            }
        }

        return fields.Violations.Count > 0 ? IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations)) : IngestOutcome.Accepted([.. events]);
    }

    /// <summary>A registry as CSV: each line made a camera object and read by the same rules as JSON.</summary>
    private IngestOutcome FromCsv(IngestInput input)
    {
        if (!System.Text.Unicode.Utf8.IsValid(input.Body))
        {
            return IngestOutcome.Rejected(IngestRejection.Malformed("$", "the body is not valid UTF-8"));
        }

        var lines = System.Text.Encoding.UTF8.GetString(input.Body).TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || !string.Equals(lines[0].Trim(), CsvHeader, StringComparison.OrdinalIgnoreCase))
        {
            return IngestOutcome.Rejected(IngestRejection.Malformed("line 1", $"must be the header '{CsvHeader}'"));
        }

        var cameras = new System.Text.Json.Nodes.JsonArray();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length is not (5 or 6))
            {
                return IngestOutcome.Rejected(IngestRejection.Malformed($"line {i + 1}", $"has {cells.Length} columns, not 5 or 6 ({CsvHeader})"));
            }

            var camera = new System.Text.Json.Nodes.JsonObject { ["cameraId"] = cells[0], ["name"] = cells[1], ["jurisdiction"] = cells[2] };
            camera["lat"] = double.TryParse(cells[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && double.IsFinite(lat) ? lat : cells[3];
            camera["lon"] = double.TryParse(cells[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && double.IsFinite(lon) ? lon : cells[4];
            if (cells.Length == 6 && cells[5].Length > 0)
            {
                camera["streamUrl"] = cells[5];
            }

            cameras.Add(camera);
        }

        var json = new System.Text.Json.Nodes.JsonObject { ["type"] = "registry", ["cameras"] = cameras };
        return base.Parse(input with { Body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(json), ContentType = "application/json" });
    }

    private static CameraId? Camera(FieldReader fields)
    {
        var text = fields.Text("cameraId", required: true, 32);
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
