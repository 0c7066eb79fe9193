using CommandCenter.Domain.Duty;
using System.Collections.Immutable;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Situation;

public sealed partial class SituationProjection
{
    private OrderIndex? _index;

    /// <summary>The order index as of <paramref name="now"/>; built on first use, so a projection only writing tables never keeps one.</summary>
    private OrderIndex IndexAt(DateTimeOffset now)
    {
        if (_index is null)
        {
            _index = new OrderIndex(_policy.Calendar);
            _index.Rebuild(_orders.Values, now);
        }
        else
        {
            _index.Advance(now, _orders.Values);
        }

        return _index;
    }

    /// <summary>
    /// The situation of <paramref name="scope"/> and everything below it, at <paramref name="now"/>: counts and rates from the
    /// index, the newest <see cref="SituationSnapshot.MaxListed"/> open orders as cards. Costs what it shows, not the backlog.
    /// </summary>
    public SituationSnapshot Snapshot(JurisdictionCode scope, DateTimeOffset now)
    {
        var index = IndexAt(now);
        var alarms = _alarms.Active.Where(a => scope.Contains(a.Scope)).ToList();
        return new SituationSnapshot(
            scope,
            _tree.Find(scope)?.Name ?? scope.Value,
            now,
            Version,
            index.CountsOf(scope),
            index.KpisOf(scope),
            [.. index.Read(scope, OrderLists.ByState).Take(SituationSnapshot.MaxListed).Select(k => Card(k.Order!, now))],
            [.. alarms.OrderByDescending(a => a.LastSeenAt).ThenBy(a => a.Id, StringComparer.Ordinal).Take(SituationSnapshot.MaxListed).Select(Card)],
            // Telemetry of the scope only: a street's wall and hub clients never receive another street's drones or crowds.
            [.. _drones.Items.Where(d => scope.Contains(d.Scope)).Select(d => d.Value).OrderBy(d => d.DroneId, StringComparer.Ordinal)],
            [.. _crowd.Items.Where(c => scope.Contains(c.Scope)).Select(c => c.Value).OrderBy(c => c.AreaId, StringComparer.Ordinal)],
            [.. _shifts.Values.Select(s => s.Shift)
                .Where(s => s.IsOnDutyAt(now) && (scope.Contains(s.Scope) || s.Scope.Contains(scope)))
                .OrderBy(s => s.Scope.Level).ThenBy(s => s.Scope)],
            _lastEventAt.ToImmutableDictionary(),
            MemberCounts(scope, now),
            [.. _patrols.Items.Where(p => scope.Contains(p.Scope) && p.Value.IsOnDutyAt(now)).Select(p => p.Value)
                .OrderBy(p => p.MemberId, StringComparer.Ordinal).Take(SituationSnapshot.MaxPatrols)],
            [.. Enumerable.Range(0, OrderLists.Count).Select(l => index.CountOf(scope, (OrderList)l))],
            alarms.Count,
            alarms.Count(a => !a.IsAcknowledged),
            // A camera's latest status wins over the registry's; cameras are placed by the registry's jurisdiction.
            // The scope's first cameras by id from an index kept as they register: no scan of the city's whole registry.
            [.. _cameraScopes.In(scope).Take(SituationSnapshot.MaxCameras).Select(id => _registry[id])
                .Select(c => _cameras.Find(c.Id.Value) is { } status ? c with { Online = status.Value } : c)],
            _cameraScopes.CountIn(scope));
    }

    /// <summary>
    /// One page of the open orders of <paramref name="scope"/> in <paramref name="lists"/> (lists that do not overlap; the lists by
    /// state for every open order), newest first, after the cursor <paramref name="after"/>.
    /// </summary>
    public OrderPage Orders(JurisdictionCode scope, IReadOnlyCollection<OrderList> lists, OrderKey? after, int limit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var index = IndexAt(now);
        var keys = index.Read(scope, lists, after).Take(limit == int.MaxValue ? limit : limit + 1).ToList();
        var shown = keys.Take(limit).ToList();
        return new OrderPage([.. shown.Select(k => Card(k.Order!, now))], lists.Sum(l => index.CountOf(scope, l)),
            keys.Count > limit ? shown[^1].ToString() : null);
    }

    /// <summary>
    /// What a reader holding the first <paramref name="limit"/> open orders of <paramref name="scope"/> in <paramref name="lists"/>
    /// as of the index's stamp <paramref name="since"/> needs to bring them up to date, at a cost that follows what changed:
    /// <list type="bullet">
    /// <item>nothing, when no order changed since;</item>
    /// <item>only the orders changed since (with their cards) and those gone, when the reader's list was complete
    /// (<paramref name="heldComplete"/>: every open order, not a first page) and still is;</item>
    /// <item>the changed orders and those gone as well when the reader holds a first page (more orders are open than it draws)
    /// and does not ask for the whole page (<paramref name="wholeDue"/>): <see cref="OrderListing.Capped"/>, the reader updates
    /// what it holds and leaves new orders to its next whole page;</item>
    /// <item>else the whole first page, newest first, with cards only where <paramref name="known"/> says the reader does not
    /// hold the order at its stamp.</item>
    /// </list>
    /// </summary>
    public OrderListing Standings(JurisdictionCode scope, IReadOnlyCollection<OrderList> lists, int limit, DateTimeOffset now,
        Func<string, long, bool> known, long since = -1, bool heldComplete = false, bool wholeDue = true)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(lists);
        var index = IndexAt(now);
        var complete = lists.Sum(l => index.CountOf(scope, l)) <= limit;
        if (index.Stamp == since)
        {
            return new OrderListing(since, false, [], [], heldComplete);
        }

        var capped = !(heldComplete && complete);
        if ((!capped || !wholeDue) && index.ChangedSince(since) is { } changed)
        {
            var (upserted, gone) = (new List<ListedOrder>(), new List<string>());
            foreach (var id in changed)
            {
                if (index.Listed(id, scope, lists, out var stamp) is { } order)
                {
                    upserted.Add(new ListedOrder(id.Value, stamp, Card(order, now)));
                }
                else
                {
                    gone.Add(id.Value);
                }
            }

            return new OrderListing(index.Stamp, false, upserted, gone, !capped, capped);
        }

        var listed = new List<ListedOrder>();
        foreach (var key in index.Read(scope, lists).Take(limit))
        {
            var order = key.Order!;
            var stamp = index.StampOf(order.Id);
            listed.Add(new ListedOrder(key.Id, stamp, known(key.Id, stamp) ? null : Card(order, now)));
        }

        return new OrderListing(index.Stamp, true, listed, [], complete);
    }

    /// <summary>Open orders each unit leads that wait for it or are being handled (its load, for recommending dispatch).</summary>
    public IReadOnlyDictionary<string, int> UnitLoad(DateTimeOffset now) => IndexAt(now).UnitLoad();

    /// <summary>Registered and on-duty grid members of the scope, in all and by its child jurisdictions.</summary>
    private GridMembers.GridMemberCounts MemberCounts(JurisdictionCode scope, DateTimeOffset now)
    {
        var childLevel = scope.Level switch
        {
            JurisdictionLevel.District => JurisdictionLevel.Street,
            JurisdictionLevel.Street => JurisdictionLevel.Community,
            JurisdictionLevel.Community => JurisdictionLevel.Grid,
            _ => (JurisdictionLevel?)null,
        };
        var registered = _members.Where(m => scope.Contains(m.Grid)).ToList();
        var onDuty = _patrols.Items.Where(p => scope.Contains(p.Scope) && p.Value.IsOnDutyAt(now)).ToList();
        var byChild = childLevel is not { } level ? [] : registered.GroupBy(m => m.Grid.AncestorAt(level)!.Value)
            .Select(g => new GridMembers.GridMemberCountsOf(g.Key, _tree.Find(g.Key)?.Name ?? g.Key.Value, g.Count(),
                onDuty.Count(p => g.Key.Contains(p.Scope))))
            .OrderBy(c => c.Code).ToImmutableArray();
        return new GridMembers.GridMemberCounts(registered.Count, onDuty.Count, byChild);
    }

    /// <summary>Shifts of the scope (or above it) that have not ended at <paramref name="now"/>, by start.</summary>
    public IReadOnlyList<DutyShift> Shifts(JurisdictionCode scope, DateTimeOffset now) =>
        [.. _shifts.Values.Select(s => s.Shift).Where(s => s.End > now && scope.Contains(s.Scope)).OrderBy(s => s.Start).ThenBy(s => s.Scope)];

    /// <summary>Orders of the scope closed and not yet evaluated (回访评价), newest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<WorkOrderCard> AwaitingEvaluation(JurisdictionCode scope, DateTimeOffset now, int max = 200) =>
        [.. _orders.Values.Where(o => o.State == WorkOrderState.Closed && scope.Contains(o.Report.Scope))
            .OrderByDescending(o => o.ClosedAt).ThenBy(o => o.Id.Value, StringComparer.Ordinal).Take(max).Select(o => Card(o, now))];

    /// <summary>
    /// Open orders due a supervision card (自动督办) at <paramref name="now"/>, as cards, by id: read from the index, which keeps
    /// the set as events apply and as limits run out, so a sweep costs the orders due, not the backlog.
    /// </summary>
    public IReadOnlyList<WorkOrderCard> DueForSupervision(DateTimeOffset now) => [.. IndexAt(now).DueForSupervision().Select(o => Card(o, now))];

    /// <summary>One order as a card, open or not; null when the projection does not hold it.</summary>
    public WorkOrderCard? CardOf(WorkOrderId id, DateTimeOffset now) => _orders.TryGetValue(id, out var o) ? Card(o, now) : null;

    private WorkOrderCard Card(WorkOrder o, DateTimeOffset now)
    {
        var sla = o.SlaAt(now);
        var r = o.Report;
        return new WorkOrderCard(o.Id, r.Scope, r.Title, _categories.NameOf(r.Category), r.Kind, r.Source, r.Urgency, o.State,
            o.Supervision, sla.Light, sla.FractionUsed, sla.Deadline, o.ReportedAt,
            _tree.NameAt(r.Scope, JurisdictionLevel.Street) ?? "", _tree.NameAt(r.Scope, JurisdictionLevel.Community) ?? "",
            o.UnitId, o.IsParked, o.DispatchCount, r.Category, r.Location, o.Level, o.Parts.Count == 0 ? null : new ValueList<UnitPart>(o.Parts), o.Satisfaction, r.Matter);
    }

    private AlarmCard Card(Alarm a) => new(a.Id, a.DeviceId, a.Kind, a.Severity, a.Description,
        _tree.NameAt(a.Scope, JurisdictionLevel.Street) ?? "", _tree.NameAt(a.Scope, JurisdictionLevel.Community) ?? "",
        a.RaisedAt, a.LastSeenAt, a.Count, a.IsAcknowledged, a.Location);
}
