namespace CommandCenter.Web.Storage;

// Row shapes of the projected tables, as Dapper writes them. Times are unix milliseconds.

/// <summary>A log row; <paramref name="Seq"/> is the bus's position for it, or 0 for the log to assign the next one.</summary>
internal sealed record EventRow(string EventId, string Source, string Kind, long OccurredAtMs, long ReceivedAtMs,
    string Scope, string? WorkOrderId, string? AlarmKey, string Payload, long Seq = 0);

internal sealed record WorkOrderRow(string Id, string Kind, string Source, string Category, string Urgency, string Title,
    string Scope, double? Lat, double? Lon, string? Address, string? ReporterContact, string State, int IsOpen,
    string Supervision, string? UnitId, string Stage, long? StageDeadlineMs, int Parked, long ReportedAtMs,
    long LastChangedAtMs, long? SignedOffAtMs, long? ClosedAtMs, string? Closure, int? Satisfaction, int DispatchCount,
    int ReturnCount, int ReworkCount, int PostponeCount, int EverOverdue, int? SignedOffOnTime, int? HandledOnTime,
    string Level, int ReopenCount, string? Mediation, long? RectifyByMs, string? Placard, string? SpecialGroup);

/// <summary>One unit's part in one dispatch round of an order (联动: 主办 or 协办).</summary>
internal sealed record UnitPartRow(string WorkOrderId, int Round, string UnitId, string Role, long? SignedOffAtMs, long? ReportedAtMs,
    long? ReleasedAtMs);

internal sealed record TimelineRow(string WorkOrderId, int Ordinal, long AtMs, string Actor, string Action,
    string FromState, string ToState, string? Note);

internal sealed record DispatchRow(string WorkOrderId, int Ordinal, string UnitId, long AtMs, string Actor);

/// <summary>A grid member's task as it stands after the event at <paramref name="EventSeq"/>.</summary>
internal sealed record GridTaskRow(string Id, string Kind, string MemberId, string Scope, string Title, string? WorkOrderId, string? AlarmId,
    string? Note, long AssignedAtMs, long? DoneAtMs, string? Result, long EventSeq)
{
    public static GridTaskRow Of(Domain.GridMembers.GridTask t, long seq) => new(t.Id, t.Kind.ToString(), t.MemberId, t.Scope.Value, t.Title,
        t.WorkOrderId, t.AlarmId, t.Note, t.AssignedAt.ToUnixTimeMilliseconds(), t.DoneAt?.ToUnixTimeMilliseconds(), t.Result, seq);
}

internal sealed record AlarmRow(string AlarmId, string AlarmKey, long RaisedSeq, string DeviceId, string Kind,
    string Severity, string Description, string Scope, long RaisedAtMs, long LastSeenAtMs, int RepeatCount,
    long? ClearedAtMs, long? AcknowledgedAtMs, string? AcknowledgedBy);

internal sealed record DutyShiftRow(string Id, string Scope, string LeaderName, string LeaderPhone, string Members,
    long StartMs, long EndMs, long EventSeq);

/// <summary>A camera of the registry as stored; a class so Dapper reads it back on both dialects.</summary>
internal sealed class CameraRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Scope { get; init; } = "";
    public double Lat { get; init; }
    public double Lon { get; init; }
    public long Online { get; init; }
    public string? StreamUrl { get; init; }
    public long EventSeq { get; init; }

    public static CameraRow Of(Domain.Cameras.Camera c, long seq) => new()
    {
        Id = c.Id.Value, Name = c.Name, Scope = c.Scope.Value, Lat = c.Location.Latitude, Lon = c.Location.Longitude,
        Online = c.Online ? 1 : 0, StreamUrl = c.StreamUrl, EventSeq = seq,
    };

    public Domain.Cameras.Camera ToCamera() => new(Domain.Cameras.CameraId.From(Id), Name, Domain.Jurisdictions.JurisdictionCode.From(Scope),
        new Domain.Geo.GeoPoint(Lat, Lon), Online == 1, StreamUrl);
}

internal sealed record TelemetryRow(string Key, string Kind, string Scope, long OccurredAtMs, string Event);

/// <summary>A kept point of a telemetry stream's thinned history.</summary>
internal sealed record TelemetryHistoryRow(string Key, long Bucket, string Kind, string Scope, long OccurredAtMs, string Event);

/// <summary>What one stored batch changes in the projected tables.</summary>
internal sealed class StateChanges
{
    public List<WorkOrderRow> Orders { get; } = [];
    public List<TimelineRow> Timeline { get; } = [];
    public List<DispatchRow> Dispatches { get; } = [];
    public List<UnitPartRow> Units { get; } = [];
    public List<GridTaskRow> Tasks { get; } = [];
    public List<AlarmRow> Alarms { get; } = [];
    public List<DutyShiftRow> Shifts { get; } = [];
    public List<CameraRow> Cameras { get; } = [];
}

/// <summary>An event as stored: its position in the store's log.</summary>
public sealed record StoredEvent(long Seq, CommandCenter.Domain.Events.FeedEvent Event);

/// <summary>What storing a batch did.</summary>
public sealed record AppendOutcome(int Stored, int Duplicates, int Telemetry);
