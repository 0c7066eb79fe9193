using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WallLayouts;
using CommandCenter.Web.Dispatch;

namespace CommandCenter.Web.Components.Widgets;

/// <summary>An order marker: coloured by its light, larger when urgent; dispatchable from its popup by those who may.</summary>
public sealed record MapOrder(string Id, double Lat, double Lon, string Light, bool Urgent, string Title, string Category, string State, bool CanDispatch);

/// <summary>An active alarm with a position; critical ones pulse.</summary>
public sealed record MapAlarm(string Id, double Lat, double Lon, string Severity, bool Critical, string Text, bool Acknowledged);

/// <summary>
/// A drone: its icon turned to the heading, stale after the layout's silence, flagged below its low battery. <see cref="Trail"/>
/// is sent with a drone the map has not drawn yet (the thinned history); the map extends it from later positions.
/// </summary>
public sealed record MapDrone(string Id, double Lat, double Lon, double Heading, int Battery, string Mission, bool Stale, bool LowBattery,
    long AtMs, IReadOnlyList<double[]>? Trail = null);

public sealed record MapCamera(string Id, double Lat, double Lon, string Name, bool Online);

public sealed record MapMember(string Id, double Lat, double Lon);

/// <summary>A crowd frame: its bounds and cells (row-major from the south-west), in people per cell.</summary>
public sealed record MapCrowd(string Id, string Name, double South, double West, double North, double East, int Rows, int Columns,
    IReadOnlyList<int> Counts, double CellSizeMeters, double Threshold, long AtMs);

/// <summary>Changes of one layer since the map's last update.</summary>
public sealed record MapDelta<T>(IReadOnlyList<T> Upserted, IReadOnlyList<string> Removed)
{
    public bool IsEmpty => Upserted.Count == 0 && Removed.Count == 0;
}

/// <summary>One update of the map: each layer's changes (null when none) and the line under the map.</summary>
public sealed record MapFrame(MapDelta<MapOrder>? Orders, MapDelta<MapAlarm>? Alarms, MapDelta<MapDrone>? Drones, MapDelta<MapCamera>? Cameras,
    MapDelta<MapMember>? Members, MapDelta<MapCrowd>? Crowd, string? Notice);

/// <summary>
/// What the map draws of a snapshot, layer by layer, and what changed since the last update: the map is sent only the
/// difference (added, moved, restyled, removed), never the whole picture again.
/// </summary>
internal sealed class MapLayers(WidgetSettings settings)
{
    private readonly Dictionary<string, MapOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapAlarm> _alarms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapDrone> _drones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapCamera> _cameras = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapCrowd> _crowd = new(StringComparer.Ordinal);
    private string? _notice;

    public int MaxOrders => settings.WholeNumber("maxOrders");

    /// <summary>Markers the map holds now, all layers together.</summary>
    public int Drawn => _orders.Count + _alarms.Count + _drones.Count + _cameras.Count + _members.Count + _crowd.Count;

    /// <summary>
    /// The changes from what was last sent to <paramref name="snapshot"/>; <paramref name="orders"/> are the open orders to draw (at
    /// most <see cref="MaxOrders"/>), <paramref name="trail"/> a new drone's history. Null when nothing changed.
    /// </summary>
    public MapFrame? Next(SituationSnapshot snapshot, IReadOnlyList<WorkOrderCard> orders, int openTotal, IWallDispatch? dispatch,
        Func<string, IReadOnlyList<double[]>> trail)
    {
        var now = snapshot.At;
        var stale = TimeSpan.FromSeconds(settings.WholeNumber("droneStaleSeconds"));
        var low = settings.WholeNumber("lowBattery");
        var frame = new MapFrame(
            Diff(_orders, orders.Where(o => o.Location is not null).Take(MaxOrders).Select(o => new MapOrder(o.Id.Value, o.Location!.Value.Latitude,
                o.Location.Value.Longitude, o.Light.ToString(), o.Urgency == Domain.WorkOrders.Urgency.Urgent, o.Title, o.CategoryName,
                WallFormat.State(o.State), dispatch?.MayDispatch(o) == true)), o => o.Id),
            Diff(_alarms, snapshot.ActiveAlarms.Where(a => a.Location is not null).Select(a => new MapAlarm(a.Id, a.Location!.Value.Latitude,
                a.Location.Value.Longitude, a.Severity.ToString(), a.Severity == Domain.Alarms.AlarmSeverity.Critical, a.Description, a.Acknowledged)), a => a.Id),
            Diff(_drones, snapshot.Drones.Select(d => new MapDrone(d.DroneId, d.Position.Latitude, d.Position.Longitude, d.HeadingDegrees,
                d.BatteryPercent, d.Mission, now - d.At > stale, d.BatteryPercent < low, d.At.ToUnixTimeMilliseconds())), d => d.Id,
                added => added with { Trail = trail(added.Id) }),
            Diff(_cameras, (snapshot.Cameras.IsDefault ? [] : snapshot.Cameras).Select(c => new MapCamera(c.Id.Value, c.Location.Latitude,
                c.Location.Longitude, c.Name, c.Online)), c => c.Id),
            Diff(_members, (snapshot.Patrols.IsDefault ? [] : snapshot.Patrols).Select(p => new MapMember(p.MemberId, p.Position.Latitude,
                p.Position.Longitude)), m => m.Id),
            Diff(_crowd, snapshot.Crowd.Select(c => new MapCrowd(c.AreaId, c.AreaName, c.SouthWest.Latitude, c.SouthWest.Longitude,
                c.NorthEast.Latitude, c.NorthEast.Longitude, c.Rows, c.Columns, c.Counts, c.CellSizeMeters, c.DensityThreshold,
                c.At.ToUnixTimeMilliseconds())), c => c.Id, compareBy: c => (c.Id, c.AtMs)),
            Notice(openTotal));
        var changed = frame.Notice != _notice;
        _notice = frame.Notice;
        return frame is { Orders: null, Alarms: null, Drones: null, Cameras: null, Members: null, Crowd: null } && !changed ? null : frame;
    }

    /// <summary>Says how many orders are drawn of how many when the cap holds some back.</summary>
    private string? Notice(int openTotal) =>
        openTotal > _orders.Count && openTotal > MaxOrders ? $"显示最新 {_orders.Count:N0} 单,共 {openTotal:N0} 单在办" : null;

    /// <summary>Items new or different since the last update, and ids gone; <paramref name="sent"/> becomes what the map now holds.</summary>
    private static MapDelta<T>? Diff<T>(Dictionary<string, T> sent, IEnumerable<T> now, Func<T, string> id, Func<T, T>? whenAdded = null,
        Func<T, object>? compareBy = null)
        where T : class
    {
        compareBy ??= item => item;
        var current = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in now)
        {
            current.TryAdd(id(item), item);
        }

        var upserted = new List<T>();
        var changed = new List<(string Key, T Item)>();
        foreach (var (key, item) in current)
        {
            if (!sent.TryGetValue(key, out var was))
            {
                upserted.Add(whenAdded is null ? item : whenAdded(item));
                changed.Add((key, item));
            }
            else if (!Equals(compareBy(was), compareBy(item)))
            {
                upserted.Add(item);
                changed.Add((key, item));
            }
        }

        var removed = sent.Keys.Where(k => !current.ContainsKey(k)).ToList();
        foreach (var key in removed)
        {
            sent.Remove(key);
        }

        // What the map holds, as compared next time (a new drone's trail is sent once, not kept).
        foreach (var (key, item) in changed)
        {
            sent[key] = item;
        }

        return upserted.Count == 0 && removed.Count == 0 ? null : new MapDelta<T>(upserted, removed);
    }
}
