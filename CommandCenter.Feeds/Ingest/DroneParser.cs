using System.Collections.Concurrent;
using System.Globalization;
using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/drones</c> and MQTT <c>cc/drones/#</c>: a ground station's telemetry at 1–10 Hz per drone
/// (<c>{"droneId", "lat", "lon", "alt", "heading", "speed", "battery", "mission", "at", "jurisdiction"?, "streamUrl"?}</c>).
/// Coalesced to the latest position per drone: a point older than one already taken is acknowledged and dropped.
/// </summary>
public sealed class DroneParser(TicketParser places, TimeProvider time) : JsonIngestParser
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _latest = new(StringComparer.Ordinal);

    public override string Feed => "drones";

    protected override IngestOutcome Read(FieldReader fields, IngestInput input)
    {
        var now = input.AsOf ?? time.GetUtcNow();
        var drone = AlarmParser.DeviceId(fields, "droneId");
        var lat = fields.Number("lat", required: true, -90, 90);
        var lon = fields.Number("lon", required: true, -180, 180);
        var alt = fields.Number("alt", required: false, -100, 10_000) ?? 0;
        var heading = fields.Number("heading", required: false, 0, 360) ?? 0;
        var speed = fields.Number("speed", required: false, 0, 150) ?? 0;
        var battery = fields.Number("battery", required: false, 0, 100) ?? 100;
        var mission = fields.Text("mission", required: false, 60) ?? "";
        var at = fields.Timestamp("at", required: true, now, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        // Filed where it flies (the grid under it), whatever jurisdiction the platform names: a street's wall and hub clients see
        // the drones over its grids, and only those. The named one serves when it flies outside every grid.
        var named = places.Jurisdiction(fields, "jurisdiction", required: false);
        var scope = (lat is { } la && lon is { } lo ? places.Locate(new GeoPoint(la, lo)) : null) ?? named ?? places.Root;
        var stream = fields.Text("streamUrl", required: false, 500);
        if (stream is not null && (!Uri.TryCreate(stream, UriKind.Absolute, out var uri) || uri.Scheme is not ("rtsp" or "rtmp" or "http" or "https" or "webrtc")))
        {
            fields.Fail("streamUrl", "must be an absolute rtsp, rtmp, http(s) or webrtc URL");
        }

        if (fields.Violations.Count > 0)
        {
            return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
        }

        var track = new DroneTrack(drone!, new GeoPoint(lat!.Value, lon!.Value), alt, heading, speed, (int)Math.Round(battery), mission, at!.Value, stream);
        var newest = _latest.AddOrUpdate(drone!, at.Value, (_, seen) => seen >= at.Value ? seen : at.Value);
        var feedEvent = new FeedEvent($"drone-{drone}-{at.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", input.Source, at.Value, scope,
            new DroneTelemetryReceived(track));
        return newest > at.Value ? new IngestOutcome([], null) { Coalesced = feedEvent.Id } : IngestOutcome.Accepted(feedEvent);
    }
}
