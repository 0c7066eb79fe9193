using System.Globalization;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Crowd;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/crowd</c>: a heat-map frame from a crowd counter
/// (<c>{"areaId", "areaName", "bounds": {"south", "west", "north", "east"}, "cellSize", "rows", "columns", "counts": [...], "at", "jurisdiction"}</c>).
/// The frame is filed by its bounds (the lowest jurisdiction holding them); <c>jurisdiction</c> serves only for bounds outside every grid.
/// A frame whose densest cell passes <c>Ingest:CrowdDensityThreshold</c> people per m² also raises a crowd alarm; the first
/// frame of that area back under it clears the alarm.
/// </summary>
public sealed class CrowdParser(TicketParser places, AlarmRules rules, IOptionsMonitor<IngestOptions> options, TimeProvider time) : JsonIngestParser
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _raised = new(StringComparer.Ordinal);

    public const int MaxCells = 10_000;

    public override string Feed => "crowd";

    protected override IngestOutcome Read(FieldReader fields, IngestInput input)
    {
        var now = input.AsOf ?? time.GetUtcNow();
        var area = AlarmParser.DeviceId(fields, "areaId");
        var name = fields.Text("areaName", required: false, 60) ?? area ?? "";
        var bounds = fields.Nested("bounds", required: true);
        var south = bounds?.Number("south", required: true, -90, 90);
        var west = bounds?.Number("west", required: true, -180, 180);
        var north = bounds?.Number("north", required: true, -90, 90);
        var east = bounds?.Number("east", required: true, -180, 180);
        if (south > north)
        {
            bounds!.Fail("north", "must not be south of south (are the corners swapped?)");
        }

        var cell = fields.Number("cellSize", required: true, 1, 1000);
        var rows = fields.Number("rows", required: true, 1, 1000);
        var columns = fields.Number("columns", required: true, 1, 1000);
        var counts = Counts(fields, rows, columns);
        var at = fields.Timestamp("at", required: true, now, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        // Filed by its bounds: the lowest jurisdiction holding its corners and centre, so a street sees the areas inside it
        // and an area across two streets goes to the jurisdiction above both. The named one serves for bounds outside every grid.
        var named = places.Jurisdiction(fields, "jurisdiction", required: false);
        var scope = south is { } s && west is { } w && north is { } n && east is { } e ? Covering(s, w, n, e) ?? named : named;
        if (scope is null && fields.Violations.Count == 0)
        {
            fields.Fail("jurisdiction", "is required when the bounds lie outside the reference's grids");
        }

        if (fields.Violations.Count > 0)
        {
            return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
        }

        var threshold = options.CurrentValue.CrowdDensityThreshold;
        var frame = new CrowdFrame(area!, name, new GeoPoint(south!.Value, west!.Value), new GeoPoint(north!.Value, east!.Value), cell!.Value,
            (int)rows!.Value, (int)columns!.Value, counts!, at!.Value, threshold);
        var stamp = at.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var frameEvent = new FeedEvent($"crowd-{area}-{stamp}", input.Source, at.Value, scope!.Value, new CrowdFrameObserved(frame));
        var device = SourceScope.Of(input.Source, area!); // the source's area, as an alarm device
        if (!frame.OverThreshold)
        {
            return _raised.TryRemove(device, out _)
                ? IngestOutcome.Accepted(frameEvent, new FeedEvent($"crowd-{area}-{stamp}-clear", input.Source, at.Value, scope.Value,
                    new AlarmCleared(device, AlarmKind.CrowdDensity)))
                : IngestOutcome.Accepted(frameEvent);
        }

        _raised[device] = true;
        var centre = new GeoPoint((south.Value + north.Value) / 2, (west.Value + east.Value) / 2);
        var alarm = new FeedEvent($"crowd-{area}-{stamp}-alarm", input.Source, at.Value, scope.Value, new AlarmRaised(device, AlarmKind.CrowdDensity,
            AlarmSeverity.Major, string.Create(CultureInfo.InvariantCulture, $"{name} 人群密度 {frame.PeakDensity:0.0} 人/㎡,超过 {threshold:0.0}"), centre));
        return IngestOutcome.Accepted([frameEvent, .. rules.Apply(alarm)]);
    }

    private static int[]? Counts(FieldReader fields, double? rows, double? columns)
    {
        if (!fields.TryGet("counts", out var value) || value.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            fields.Fail("counts", "is required: an array of rows × columns people counts");
            return null;
        }

        var length = value.GetArrayLength();
        if (length > MaxCells)
        {
            fields.Fail("counts", $"must have at most {MaxCells} cells (has {length})");
            return null;
        }

        if (rows is { } r && columns is { } c && length != (int)r * (int)c)
        {
            fields.Fail("counts", $"must have rows × columns = {(int)r * (int)c} cells (has {length})");
            return null;
        }

        var counts = new int[length];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != System.Text.Json.JsonValueKind.Number || !item.TryGetInt32(out var n) || n is < 0 or > 100_000)
            {
                fields.Fail($"counts[{i}]", "must be a whole number of people, 0–100000");
                return null;
            }

            counts[i++] = n;
        }

        return counts;
    }

    /// <summary>The lowest jurisdiction whose grids hold the bounds' four corners and centre; null when one lies outside every grid.</summary>
    private JurisdictionCode? Covering(double south, double west, double north, double east)
    {
        JurisdictionCode? covering = null;
        foreach (var (lat, lon) in new[] { (south, west), (south, east), (north, west), (north, east), ((south + north) / 2, (west + east) / 2) })
        {
            if (places.Locate(new GeoPoint(lat, lon)) is not { } grid)
            {
                return null;
            }

            covering = covering is { } sofar ? JurisdictionCode.CommonAncestor(sofar, grid) : grid;
            if (covering is null)
            {
                return null;
            }
        }

        return covering;
    }
}
