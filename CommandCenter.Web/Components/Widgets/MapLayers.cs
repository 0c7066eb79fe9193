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
    private readonly Dictionary<string, long> _orderStamps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapAlarm> _alarms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapDrone> _drones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapCamera> _cameras = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapCrowd> _crowd = new(StringComparer.Ordinal);
    private string? _notice;
    private DateTimeOffset _movedAt = DateTimeOffset.MinValue;
    private long _movedVersion = -1;
    private DateTimeOffset _wholeAt = DateTimeOffset.MinValue;

    /// <summary>
    /// How often at most the moving layers (drones, grid members, crowd heat) are compared and sent. Their sources report many
    /// times a second in a storm; on a wall a drone moves a pixel or less in a second, so their frames follow this, not the rate.
    /// </summary>
    public static readonly TimeSpan MovingEvery = TimeSpan.FromSeconds(1);

    public int MaxOrders => settings.WholeNumber("maxOrders");

    /// <summary>Markers the map holds now, all layers together.</summary>
    public int Drawn => _orders.Count + _alarms.Count + _drones.Count + _cameras.Count + _members.Count + _crowd.Count;

    /// <summary>
    /// True when the last update held the moving layers back (within <see cref="MovingEvery"/> of their last frame) from a
    /// snapshot that may have moved them: the map then owes an update with <c>moving: true</c> once the interval is over.
    /// </summary>
    public bool MovingHeld { get; private set; }

    /// <summary>
    /// The changes from what was last sent to <paramref name="snapshot"/>; <paramref name="orders"/> are the open orders to draw (at
    /// most <see cref="MaxOrders"/>; without a card where <see cref="Holds"/> said the map has them already), <paramref name="trail"/> a new drone's history. The moving layers are compared at most once
    /// in <see cref="MovingEvery"/> of the snapshots' time, or now when <paramref name="moving"/>. Null when nothing changed.
    /// </summary>
    public MapFrame? Next(SituationSnapshot snapshot, OrderListing orders, int openTotal, IWallDispatch? dispatch,
        Func<string, IReadOnlyList<double[]>> trail, bool moving = false)
    {
        var now = snapshot.At;
        moving |= now - _movedAt >= MovingEvery || now < _movedAt;
        if (moving)
        {
            _movedAt = now;
            _movedVersion = snapshot.Version;
        }

        MovingHeld = !moving && snapshot.Version != _movedVersion;
        var stale = TimeSpan.FromSeconds(settings.WholeNumber("droneStaleSeconds"));
        var low = settings.WholeNumber("lowBattery");
        var frame = new MapFrame(
            orders.Whole ? Diff(_orders, Shown(orders.Listed, dispatch), o => o.Id) : Changes(orders, dispatch),
            Diff(_alarms, snapshot.ActiveAlarms.Where(a => a.Location is not null).Select(a => new MapAlarm(a.Id, a.Location!.Value.Latitude,
                a.Location.Value.Longitude, a.Severity.ToString(), a.Severity == Domain.Alarms.AlarmSeverity.Critical, a.Description, a.Acknowledged)), a => a.Id),
            !moving ? null : Diff(_drones, snapshot.Drones.Select(d => new MapDrone(d.DroneId, d.Position.Latitude, d.Position.Longitude, d.HeadingDegrees,
                d.BatteryPercent, d.Mission, now - d.At > stale, d.BatteryPercent < low, d.At.ToUnixTimeMilliseconds())), d => d.Id,
                added => added with { Trail = trail(added.Id) }),
            Diff(_cameras, (snapshot.Cameras.IsDefault ? [] : snapshot.Cameras).Select(c => new MapCamera(c.Id.Value, c.Location.Latitude,
                c.Location.Longitude, c.Name, c.Online)), c => c.Id),
            !moving ? null : Diff(_members, (snapshot.Patrols.IsDefault ? [] : snapshot.Patrols).Select(p => new MapMember(p.MemberId, p.Position.Latitude,
                p.Position.Longitude)), m => m.Id),
            !moving ? null : Diff(_crowd, snapshot.Crowd.Select(c => new MapCrowd(c.AreaId, c.AreaName, c.SouthWest.Latitude, c.SouthWest.Longitude,
                c.NorthEast.Latitude, c.NorthEast.Longitude, c.Rows, c.Columns, c.Counts, c.CellSizeMeters, c.DensityThreshold,
                c.At.ToUnixTimeMilliseconds())), c => c.Id, compareBy: c => (c.Id, c.AtMs)),
            Notice(openTotal));
        // The stamps of the orders listed now, with a place or not (one with none is not drawn, and need not be read again either).
        (ListedAt, ListedComplete) = (orders.Stamp, orders.Complete);
        if (orders.Whole)
        {
            _orderStamps.Clear();
            _wholeAt = now;
        }

        foreach (var (id, stamp, _) in orders.Listed)
        {
            if (stamp > 0 && (!orders.Capped || _orderStamps.ContainsKey(id)))
            {
                _orderStamps[id] = stamp;
            }
        }

        foreach (var id in orders.Gone)
        {
            _orderStamps.Remove(id);
        }

        var changed = frame.Notice != _notice;
        _notice = frame.Notice;
        return frame is { Orders: null, Alarms: null, Drones: null, Cameras: null, Members: null, Crowd: null } && !changed ? null : frame;
    }

    /// <summary>True when the map last listed order <paramref name="id"/> at <paramref name="stamp"/> (drawn if it has a place): no card is needed for it.</summary>
    public bool Holds(string id, long stamp) => _orderStamps.TryGetValue(id, out var held) && held == stamp;

    /// <summary>The order index's stamp the map's orders stand at (-1: list them whole next time); see <see cref="OrderListing"/>.</summary>
    public long ListedAt { get; private set; } = -1;

    /// <summary>True when the map holds every open order of its scope, not a first page: the next update can be the changes alone.</summary>
    public bool ListedComplete { get; private set; }

    /// <summary>
    /// True when the map, holding a first page of the orders (more are open than it draws), should list that page whole again:
    /// at most once in <see cref="MovingEvery"/>, the changes to what it holds in between.
    /// </summary>
    public bool WholeDue(DateTimeOffset now) => now - _wholeAt >= MovingEvery || now < _wholeAt;

    /// <summary>The markers to send for orders changed since the last update: new or different ones, and those gone or without a place now.</summary>
    private MapDelta<MapOrder>? Changes(OrderListing orders, IWallDispatch? dispatch)
    {
        var upserted = new List<MapOrder>();
        var removed = new List<string>();
        foreach (var (id, _, card) in orders.Listed)
        {
            if (orders.Capped && !_orderStamps.ContainsKey(id))
            {
                continue; // not on the page the map holds: the next whole page places it, or not
            }

            if (card?.Location is { } at)
            {
                var marker = new MapOrder(id, at.Latitude, at.Longitude, card.Light.ToString(), card.Urgency == Domain.WorkOrders.Urgency.Urgent,
                    card.Title, card.CategoryName, WallFormat.State(card.State), dispatch?.MayDispatch(card) == true);
                if (!_orders.TryGetValue(id, out var was) || !Equals(was, marker))
                {
                    _orders[id] = marker;
                    upserted.Add(marker);
                }
            }
            else if (card is not null && _orders.Remove(id))
            {
                removed.Add(id);
            }
        }

        foreach (var id in orders.Gone)
        {
            if (_orders.Remove(id))
            {
                removed.Add(id);
            }
        }

        return upserted.Count == 0 && removed.Count == 0 ? null : new MapDelta<MapOrder>(upserted, removed);
    }

    /// <summary>The markers of the first <see cref="MaxOrders"/> orders with a place: those held as they were, the others from their cards.</summary>
    private List<MapOrder> Shown(IReadOnlyList<ListedOrder> orders, IWallDispatch? dispatch)
    {
        var shown = new List<MapOrder>();
        foreach (var (id, _, card) in orders)
        {
            if (shown.Count == MaxOrders)
            {
                break;
            }

            if (card is null)
            {
                if (_orders.TryGetValue(id, out var held))
                {
                    shown.Add(held);
                }
            }
            else if (card.Location is { } at)
            {
                shown.Add(new MapOrder(id, at.Latitude, at.Longitude, card.Light.ToString(), card.Urgency == Domain.WorkOrders.Urgency.Urgent,
                    card.Title, card.CategoryName, WallFormat.State(card.State), dispatch?.MayDispatch(card) == true));
            }
        }

        return shown;
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
