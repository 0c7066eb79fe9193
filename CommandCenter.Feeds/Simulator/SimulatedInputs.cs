using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Domain.Events;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// What a simulated event looks like on the wire of the feed that would carry it (a ticket, a device alarm, drone
/// telemetry, a crowd frame), so the simulator's data goes through the adapters' own normalisation. Work-order
/// actions, alarm acknowledgements and duty shifts are desk and roster actions, not feeds: none.
/// </summary>
public static class SimulatedInputs
{
    public static (string Feed, byte[] Body)? ToInput(FeedEvent e)
    {
        var at = e.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        JsonObject? body;
        string feed;
        switch (e.Payload)
        {
            case WorkOrderReported { Report: var r }:
                feed = "tickets";
                body = new JsonObject
                {
                    ["id"] = Own(e.Source, r.Id.Value), ["source"] = JsonNamingPolicy.CamelCase.ConvertName(r.Source.ToString()), ["kind"] = r.Kind.ToString().ToLowerInvariant(),
                    ["category"] = r.Category.Value, ["urgency"] = r.Urgency.ToString().ToLowerInvariant(), ["title"] = r.Title,
                    ["description"] = r.Description ?? r.Title, ["jurisdiction"] = r.Scope.Value, ["address"] = r.Address, ["reportedAt"] = at,
                };
                if (r.Location is { } location)
                {
                    body["location"] = new JsonObject { ["lat"] = location.Latitude, ["lon"] = location.Longitude };
                }

                if (r.ReporterContact is { } contact)
                {
                    body["reporter"] = new JsonObject { ["phone"] = contact };
                }

                break;
            case AlarmRaised a:
                feed = "alarms";
                body = new JsonObject
                {
                    ["id"] = e.Id, ["deviceId"] = Own(e.Source, a.DeviceId), ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(a.AlarmKind.ToString()),
                    ["severity"] = a.Severity.ToString().ToLowerInvariant(), ["description"] = a.Description, ["jurisdiction"] = e.Scope.Value, ["at"] = at,
                };
                if (a.Location is { } where)
                {
                    body["location"] = new JsonObject { ["lat"] = where.Latitude, ["lon"] = where.Longitude };
                }

                break;
            case AlarmCleared c:
                feed = "alarms";
                body = new JsonObject
                {
                    ["id"] = e.Id, ["deviceId"] = Own(e.Source, c.DeviceId), ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(c.AlarmKind.ToString()), ["state"] = "cleared",
                    ["jurisdiction"] = e.Scope.Value, ["at"] = at,
                };
                break;
            case DroneTelemetryReceived { Track: var d }:
                feed = "drones";
                body = new JsonObject
                {
                    ["droneId"] = d.DroneId, ["lat"] = d.Position.Latitude, ["lon"] = d.Position.Longitude, ["alt"] = d.AltitudeMeters,
                    ["heading"] = d.HeadingDegrees, ["speed"] = d.SpeedMetersPerSecond, ["battery"] = d.BatteryPercent, ["mission"] = d.Mission,
                    ["at"] = d.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["jurisdiction"] = e.Scope.Value, ["streamUrl"] = d.StreamUrl,
                };
                break;
            case GridMemberPatrolled { Patrol: var p }:
                feed = "patrols";
                body = new JsonObject
                {
                    ["memberId"] = p.MemberId, ["lat"] = p.Position.Latitude, ["lon"] = p.Position.Longitude, ["onDuty"] = p.OnDuty,
                    ["at"] = p.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                };
                break;
            case CrowdFrameObserved { Frame: var f }:
                feed = "crowd";
                body = new JsonObject
                {
                    ["areaId"] = f.AreaId, ["areaName"] = f.AreaName,
                    ["bounds"] = new JsonObject { ["south"] = f.SouthWest.Latitude, ["west"] = f.SouthWest.Longitude, ["north"] = f.NorthEast.Latitude, ["east"] = f.NorthEast.Longitude },
                    ["cellSize"] = f.CellSizeMeters, ["rows"] = f.Rows, ["columns"] = f.Columns, ["counts"] = new JsonArray([.. f.Counts.Select(c => (JsonNode?)c)]),
                    ["at"] = f.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["jurisdiction"] = e.Scope.Value,
                };
                break;
            default:
                return null;
        }

        foreach (var empty in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(empty);
        }

        return (feed, JsonSerializer.SerializeToUtf8Bytes(body));
    }

    /// <summary>The source's own id on the wire: the edge scopes it again (<see cref="Ingest.SourceScope"/>).</summary>
    private static string Own(string source, string scoped) =>
        scoped.StartsWith(source + ".", StringComparison.Ordinal) ? scoped[(source.Length + 1)..] : scoped;
}
