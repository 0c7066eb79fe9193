using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Alarms;

/// <summary>The open alarms of a jurisdiction, keyed by device and kind so that repeats update, not add.</summary>
public sealed class AlarmBook
{
    private readonly Dictionary<(string DeviceId, AlarmKind Kind), Alarm> _open = [];

    public IEnumerable<Alarm> Active => _open.Values;

    public int Count => _open.Count;

    /// <summary>Raises an alarm, or updates the active one of the same device and kind. Returns the alarm.</summary>
    public Alarm Raise(string alarmId, string deviceId, AlarmKind kind, AlarmSeverity severity, string description,
        JurisdictionCode scope, GeoPoint? location, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        if (_open.TryGetValue((deviceId, kind), out var existing))
        {
            existing.Repeat(severity, description, at);
            return existing;
        }

        var alarm = new Alarm(alarmId, deviceId, kind, severity, description, scope, location, at);
        _open[(deviceId, kind)] = alarm;
        return alarm;
    }

    /// <summary>Clears the active alarm of a device and kind; it leaves the book. Returns it, or null if none.</summary>
    public Alarm? Clear(string deviceId, AlarmKind kind, DateTimeOffset at)
    {
        if (!_open.Remove((deviceId, kind), out var alarm))
        {
            return null;
        }

        alarm.Clear(at);
        return alarm;
    }

    public Alarm? Acknowledge(string deviceId, AlarmKind kind, string by, DateTimeOffset at)
    {
        if (!_open.TryGetValue((deviceId, kind), out var alarm))
        {
            return null;
        }

        alarm.Acknowledge(by, at);
        return alarm;
    }
}
