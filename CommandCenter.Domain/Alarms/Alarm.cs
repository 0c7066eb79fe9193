using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Alarms;

/// <summary>
/// A device alarm (告警). Status is two flags: active or cleared, acknowledged or not. A repeat from the same
/// device and kind while the alarm is active updates it (count, last seen, highest severity).
/// </summary>
public sealed class Alarm
{
    internal Alarm(string id, string deviceId, AlarmKind kind, AlarmSeverity severity, string description,
        JurisdictionCode scope, GeoPoint? location, DateTimeOffset at)
    {
        Id = id;
        DeviceId = deviceId;
        Kind = kind;
        Severity = severity;
        Description = description;
        Scope = scope;
        Location = location;
        RaisedAt = at;
        LastSeenAt = at;
        Count = 1;
    }

    public string Id { get; }

    public string DeviceId { get; }

    public AlarmKind Kind { get; }

    public AlarmSeverity Severity { get; private set; }

    public string Description { get; private set; }

    public JurisdictionCode Scope { get; }

    public GeoPoint? Location { get; }

    public DateTimeOffset RaisedAt { get; }

    public DateTimeOffset LastSeenAt { get; private set; }

    public int Count { get; private set; }

    public DateTimeOffset? ClearedAt { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public bool IsActive => ClearedAt is null;

    public bool IsAcknowledged => AcknowledgedAt is not null;

    internal void Repeat(AlarmSeverity severity, string description, DateTimeOffset at)
    {
        Count++;
        if (at > LastSeenAt)
        {
            LastSeenAt = at;
            Description = description;
        }

        Severity = severity > Severity ? severity : Severity;
    }

    internal void Clear(DateTimeOffset at) => ClearedAt ??= at;

    internal void Acknowledge(string by, DateTimeOffset at)
    {
        if (AcknowledgedAt is null)
        {
            AcknowledgedAt = at;
            AcknowledgedBy = by;
        }
    }
}
