using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Situation;

/// <summary>
/// The live picture's index of orders by jurisdiction: for every node of the tree an order sits under, the wall's counts,
/// the KPI numerators and denominators, and the order lists in their wall ordering. Putting a changed order costs the
/// few nodes above it, whatever the backlog; a read costs what it returns. Counts that change with time alone (an order
/// turning overdue, a rectification deadline passing, midnight) come from a queue of the instants they change at, so
/// advancing the clock touches only the orders whose standing changes. Not thread-safe, like the projection that owns it.
/// </summary>
public sealed class OrderIndex(WorkingCalendar calendar)
{
    private readonly Dictionary<JurisdictionCode, ScopeNode> _nodes = [];
    private readonly Dictionary<JurisdictionCode, ScopeNode[]> _chains = [];
    private readonly Dictionary<WorkOrderId, Entry> _entries = [];
    private readonly Dictionary<string, int> _unitLoad = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, WorkOrder> _dueCard = new(StringComparer.Ordinal);
    private readonly PriorityQueue<WorkOrderId, DateTimeOffset> _due = new();
    private WorkingCalendar _calendar = calendar;
    private DateTimeOffset _startOfDay;
    private long _stamp;
    private readonly List<(long Stamp, WorkOrderId Id)> _changes = [];
    private long _changesFrom;
    private bool _rebuilding;

    /// <summary>Changes kept for readers asking what changed since their last read; one further behind lists again.</summary>
    public const int ChangesKept = 1 << 16;

    /// <summary>The instant the index stands at: every order's counts and lists are as of then.</summary>
    public DateTimeOffset At { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Forgets everything and indexes <paramref name="orders"/> as of <paramref name="now"/> (at start, or when the calendar changes).</summary>
    public void Rebuild(IEnumerable<WorkOrder> orders, DateTimeOffset now, WorkingCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        _calendar = calendar ?? _calendar;
        _nodes.Clear();
        _chains.Clear();
        _entries.Clear();
        _unitLoad.Clear();
        _dueCard.Clear();
        _due.Clear();
        _changes.Clear();
        _rebuilding = true;
        try
        {
            _stamp++;
            Stand(now);
            foreach (var order in orders)
            {
                Put(order);
            }
        }
        finally
        {
            _rebuilding = false;
            _changesFrom = _stamp; // what changed before is not kept: a reader from before lists again
        }
    }

    /// <summary>
    /// Moves the index to <paramref name="now"/>, re-reading the orders whose standing changed in between. Time never
    /// runs back on a live node; if it does (a clock set back), the index is rebuilt from <paramref name="orders"/>.
    /// </summary>
    public void Advance(DateTimeOffset now, IEnumerable<WorkOrder> orders)
    {
        if (now < At)
        {
            Rebuild(orders, now);
            return;
        }

        Stand(now);
        while (_due.TryPeek(out var id, out var at) && at <= now)
        {
            _due.Dequeue();
            if (_entries.TryGetValue(id, out var entry) && entry.Due == at)
            {
                entry.Due = null;
                Put(entry.Key.Order!);
            }
        }
    }

    /// <summary>Indexes an order as it stands now (new, or changed by an event).</summary>
    public void Put(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!_entries.TryGetValue(order.Id, out var entry))
        {
            entry = new Entry(OrderKey.Of(order), Chain(order.Report.Scope));
            _entries.Add(order.Id, entry);
        }

        var sla = order.IsOpen ? order.SlaAt(At) : SlaStatus.Stopped;
        var today = order.IsOpen || order.ReportedAt >= _startOfDay || order.ClosedAt >= _startOfDay;
        var counts = WallCounts.Flags(order, sla.IsOverdue, _startOfDay);
        var kpis = today ? WorkOrderKpis.Flags(WorkOrderFacts.Of(order, At, sla)) : 0;
        var lists = OrderLists.Of(order, sla.IsOverdue);
        var unit = order.IsOpen && order.State is WorkOrderState.Dispatched or WorkOrderState.InProgress ? order.UnitId : null;

        foreach (var node in entry.Nodes)
        {
            node.Move(entry.Counts, counts, entry.Kpis, entry.Level, kpis, order.Level);
            node.MoveLists(entry.Key, entry.Lists, lists);
        }

        if (!string.Equals(entry.Unit, unit, StringComparison.Ordinal))
        {
            Load(entry.Unit, -1);
            Load(unit, 1);
        }

        (entry.Counts, entry.Kpis, entry.Lists, entry.Level, entry.Unit) = (counts, kpis, lists, order.Level, unit);
        entry.Stamp = ++_stamp;
        Changed(order.Id);
        var card = AutoSupervision.Due(order.State, order.IsParked, sla.FractionUsed, order.Supervision);
        if (card is null)
        {
            _dueCard.Remove(order.Id.Value);
        }
        else
        {
            _dueCard[order.Id.Value] = order;
        }

        Schedule(order, entry, card, sla.Light);
    }

    /// <summary>Takes an order out (pruned from memory): whatever it still added is taken back.</summary>
    public void Remove(WorkOrderId id)
    {
        if (!_entries.Remove(id, out var entry))
        {
            return;
        }

        foreach (var node in entry.Nodes)
        {
            node.Move(entry.Counts, 0, entry.Kpis, entry.Level, 0, entry.Level);
            node.MoveLists(entry.Key, entry.Lists, 0);
        }

        Load(entry.Unit, -1);
        _dueCard.Remove(id.Value);
        _stamp++;
        Changed(id);
    }

    /// <summary>Open orders due an automatic supervision card now (<see cref="AutoSupervision"/>), by id.</summary>
    public IEnumerable<WorkOrder> DueForSupervision() => _dueCard.Values;

    /// <summary>The counts of a jurisdiction subtree.</summary>
    public WallCounts CountsOf(JurisdictionCode scope) =>
        _nodes.TryGetValue(scope, out var node) ? WallCounts.FromTally(node.Counts) : WallCounts.Empty;

    /// <summary>
    /// The rates of a jurisdiction subtree over today's orders (reported or closed today, or open), each counted at the level
    /// that handles it (<see cref="WorkOrderKpis.ForLevel"/>).
    /// </summary>
    public WorkOrderKpis KpisOf(JurisdictionCode scope) =>
        _nodes.TryGetValue(scope, out var node) ? WorkOrderKpis.FromTally(node.Kpis) : WorkOrderKpis.Empty;

    /// <summary>How many orders of the subtree are in <paramref name="list"/>.</summary>
    public int CountOf(JurisdictionCode scope, OrderList list) =>
        _nodes.TryGetValue(scope, out var node) ? node.Lists[(int)list]?.Count ?? 0 : 0;

    /// <summary>
    /// The orders of the subtree in any of <paramref name="lists"/> (which must not overlap, such as the lists by state),
    /// newest first, from just after <paramref name="after"/>; reading stops where the caller stops.
    /// </summary>
    public IEnumerable<OrderKey> Read(JurisdictionCode scope, IReadOnlyCollection<OrderList> lists, OrderKey? after = null)
    {
        ArgumentNullException.ThrowIfNull(lists);
        if (!_nodes.TryGetValue(scope, out var node))
        {
            return [];
        }

        var sources = lists.Select(l => node.Lists[(int)l]).Where(s => s is { Count: > 0 }).Select(s => From(s!, after)).ToList();
        return sources.Count == 1 ? sources[0] : Merge(sources);
    }

    /// <summary>
    /// Changes whenever the order is indexed again: by an event, or when its light or standing turns with time. A reader that
    /// kept what it drew of an order at one stamp need not read the order again while the stamp holds. 0 when not indexed.
    /// </summary>
    public long StampOf(WorkOrderId id) => _entries.TryGetValue(id, out var entry) ? entry.Stamp : 0;

    /// <summary>The latest stamp: it moves whenever any order is indexed, taken out or the index rebuilt, and holds otherwise.</summary>
    public long Stamp => _stamp;

    /// <summary>
    /// The orders indexed again or taken out after stamp <paramref name="since"/>, each once; null when the index no longer
    /// keeps that far back (rebuilt since, or more than <see cref="ChangesKept"/> changes ago): the reader lists again.
    /// </summary>
    public IReadOnlyList<WorkOrderId>? ChangedSince(long since)
    {
        if (since < _changesFrom)
        {
            return null;
        }

        var (low, high) = (0, _changes.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = _changes[middle].Stamp > since ? (low, middle) : (middle + 1, high);
        }

        var ids = new List<WorkOrderId>();
        var seen = new HashSet<WorkOrderId>();
        for (var i = low; i < _changes.Count; i++)
        {
            if (seen.Add(_changes[i].Id))
            {
                ids.Add(_changes[i].Id);
            }
        }

        return ids;
    }

    /// <summary>The order when it is indexed in one of <paramref name="lists"/> under <paramref name="scope"/>, with its stamp; else null.</summary>
    public WorkOrder? Listed(WorkOrderId id, JurisdictionCode scope, IReadOnlyCollection<OrderList> lists, out long stamp)
    {
        ArgumentNullException.ThrowIfNull(lists);
        stamp = 0;
        if (!_entries.TryGetValue(id, out var entry) || !_nodes.TryGetValue(scope, out var node) || Array.IndexOf(entry.Nodes, node) < 0)
        {
            return null;
        }

        var mask = 0u;
        foreach (var list in lists)
        {
            mask |= 1u << (int)list;
        }

        stamp = entry.Stamp;
        return (entry.Lists & mask) != 0 ? entry.Key.Order : null;
    }

    private void Changed(WorkOrderId id)
    {
        if (_rebuilding)
        {
            return;
        }

        _changes.Add((_stamp, id));
        if (_changes.Count > 2 * ChangesKept)
        {
            // Amortised: half the kept changes go at once, and the feed now starts after the last one dropped.
            _changesFrom = _changes[ChangesKept - 1].Stamp;
            _changes.RemoveRange(0, ChangesKept);
        }
    }

    /// <summary>Open orders a unit leads that are waiting for it or being handled (its load, for dispatch recommendations).</summary>
    public IReadOnlyDictionary<string, int> UnitLoad() => new Dictionary<string, int>(_unitLoad, StringComparer.Ordinal);

    private static IEnumerable<OrderKey> From(SortedSet<OrderKey> set, OrderKey? after)
    {
        if (after is not { } start)
        {
            return set;
        }

        var max = set.Max;
        return start > max ? [] : set.GetViewBetween(start, max).Where(k => k > start);
    }

    private static IEnumerable<OrderKey> Merge(List<IEnumerable<OrderKey>> sources)
    {
        var readers = sources.Select(s => s.GetEnumerator()).Where(e => e.MoveNext()).ToList();
        try
        {
            while (readers.Count > 0)
            {
                var first = 0;
                for (var i = 1; i < readers.Count; i++)
                {
                    first = readers[i].Current < readers[first].Current ? i : first;
                }

                yield return readers[first].Current;
                if (!readers[first].MoveNext())
                {
                    readers[first].Dispose();
                    readers.RemoveAt(first);
                }
            }
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    private void Stand(DateTimeOffset now)
    {
        At = now;
        _startOfDay = _calendar.StartOfDay(now);
    }

    private void Schedule(WorkOrder order, Entry entry, Supervision? card, SlaLight light)
    {
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset? at)
        {
            if (at > At && (next is null || at < next))
            {
                next = at;
            }
        }

        if (order.IsOpen)
        {
            Consider(order.OverdueFrom);
            if (light == SlaLight.Green && order.YellowFrom is { } yellow)
            {
                // Re-read when the light turns yellow too, so the stamp tells a map that its marker's colour changed.
                Consider(yellow > At ? yellow : At.AddTicks(1));
            }

            if (card != Supervision.Red && order.Supervision != Supervision.Red && order.RedCardFrom is { } red)
            {
                // At the instant itself the used share may round just below it: then a tick later.
                Consider(red > At ? red : At.AddTicks(1));
            }
        }

        Consider(order.RectifyBy?.AddTicks(1));
        if (order.ReportedAt >= _startOfDay || order.AcceptedAt >= _startOfDay || order.ClosedAt >= _startOfDay)
        {
            Consider(_startOfDay.AddDays(1));
        }

        if (next != entry.Due)
        {
            entry.Due = next;
            if (next is { } at)
            {
                _due.Enqueue(order.Id, at);
            }
        }
    }

    private void Load(string? unit, int delta)
    {
        if (unit is null)
        {
            return;
        }

        var load = _unitLoad.GetValueOrDefault(unit) + delta;
        if (load == 0)
        {
            _unitLoad.Remove(unit);
        }
        else
        {
            _unitLoad[unit] = load;
        }
    }

    private ScopeNode[] Chain(JurisdictionCode scope)
    {
        if (_chains.TryGetValue(scope, out var chain))
        {
            return chain;
        }

        chain = [.. Enum.GetValues<JurisdictionLevel>().Where(l => l <= scope.Level).Select(l => scope.AncestorAt(l)!.Value)
            .Distinct().Select(code => _nodes.TryGetValue(code, out var node) ? node : _nodes[code] = new ScopeNode(code.Level))];
        _chains[scope] = chain;
        return chain;
    }

    private sealed class Entry(OrderKey key, ScopeNode[] nodes)
    {
        public OrderKey Key { get; } = key;

        public ScopeNode[] Nodes { get; } = nodes;

        public uint Counts { get; set; }

        public uint Kpis { get; set; }

        public uint Lists { get; set; }

        public HandlingLevel Level { get; set; }

        public string? Unit { get; set; }

        public DateTimeOffset? Due { get; set; }

        public long Stamp { get; set; }
    }
}
