using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Alarms;

/// <summary>
/// The open alarms of a jurisdiction, keyed by device and kind so that repeats update, not add. A source holds at most
/// <paramref name="perSource"/> open alarms: past that its new devices' alarms are refused (repeats and clears go on),
/// so one platform raising endless new device ids cannot fill every wall.
/// </summary>
public sealed class AlarmBook(int perSource = 20_000)
{
    private readonly Dictionary<(string DeviceId, AlarmKind Kind), (Alarm Alarm, string Source)> _open = [];
    private readonly Dictionary<string, int> _perSource = new(StringComparer.Ordinal);

    public IEnumerable<Alarm> Active => _open.Values.Select(o => o.Alarm);

    public int PerSource => perSource;

    public int Count => _open.Count;

    /// <summary>Raises an alarm, or updates the active one of the same device and kind. Returns the alarm, or null when
    /// <paramref name="source"/> is at its cap of open alarms.</summary>
    public Alarm? Raise(string alarmId, string deviceId, AlarmKind kind, AlarmSeverity severity, string description,
        JurisdictionCode scope, GeoPoint? location, DateTimeOffset at, string source = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        if (_open.TryGetValue((deviceId, kind), out var existing))
        {
            existing.Alarm.Repeat(severity, description, at);
            return existing.Alarm;
        }

        if (_perSource.GetValueOrDefault(source) >= perSource)
        {
            return null;
        }

        var alarm = new Alarm(alarmId, deviceId, kind, severity, description, scope, location, at);
        _open[(deviceId, kind)] = (alarm, source);
        _perSource[source] = _perSource.GetValueOrDefault(source) + 1;
        return alarm;
    }

    /// <summary>Clears the active alarm of a device and kind; it leaves the book. Returns it, or null if none.</summary>
    public Alarm? Clear(string deviceId, AlarmKind kind, DateTimeOffset at)
    {
        if (!_open.Remove((deviceId, kind), out var open))
        {
            return null;
        }

        if (_perSource.GetValueOrDefault(open.Source) <= 1)
        {
            _perSource.Remove(open.Source);
        }
        else
        {
            _perSource[open.Source]--;
        }

        open.Alarm.Clear(at);
        return open.Alarm;
    }

    public Alarm? Acknowledge(string deviceId, AlarmKind kind, string by, DateTimeOffset at)
    {
        if (!_open.TryGetValue((deviceId, kind), out var open))
        {
            return null;
        }

        open.Alarm.Acknowledge(by, at);
        return open.Alarm;
    }
}
