using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Feeds.Reference;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Web.Live;

/// <summary>
/// The node's live picture: one projection fed by the bus, read by every wall as immutable snapshots.
/// Snapshots are cached per scope until the next change or the next second, so many walls on the same
/// jurisdiction share one computation.
/// </summary>
public sealed class LiveSituation
{
    private readonly SituationProjection _projection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<JurisdictionCode, SituationSnapshot> _cache = [];
    private long _rejected;
    private readonly ProgressSignal _changed = new();

    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _projection.Version;
            }
        }
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    public LiveSituation(ReferenceBook reference, TimeProvider time)
    {
        var data = reference.Current.Data;
        _projection = new SituationProjection(data.Tree, data.Categories, data.Sla);
        _projection.UseGridMembers(data.GridMembers);
        _time = time;
        reference.Changed += Use;
    }

    /// <summary>The jurisdictions the picture names and scopes by (the reference data in force).</summary>
    public JurisdictionTree Tree
    {
        get
        {
            lock (_gate)
            {
                return _projection.Tree;
            }
        }
    }

    /// <summary>Puts imported reference data in force on the picture: names, catalogue, calendar.</summary>
    private void Use(ReferenceEdition edition)
    {
        lock (_gate)
        {
            _projection.UseReference(edition.Data.Tree, edition.Data.Categories, edition.Data.Sla);
            _projection.UseGridMembers(edition.Data.GridMembers);
            _cache.Clear();
        }

        _changed.Raise();
    }

    private Func<bool> _feedDelayed = () => false;

    /// <summary>True while the feed bus cannot be read; walls say their data may be behind.</summary>
    public bool FeedDelayed => _feedDelayed();

    /// <summary>Tells the live picture how to know whether its feed is flowing.</summary>
    public void TrackFeed(Func<bool> delayed) => _feedDelayed = delayed;

    private DateTimeOffset _newest = DateTimeOffset.MinValue;

    /// <summary>The time of the newest event the picture shows (for the feed-to-wall latency); MinValue before any.</summary>
    public DateTimeOffset NewestEventAt
    {
        get
        {
            lock (_gate)
            {
                return _newest;
            }
        }
    }

    /// <summary>Applies a batch under one lock; returns how many events changed the picture.</summary>
    public int Apply(IReadOnlyList<FeedEvent> batch, Action<FeedEvent, ApplyOutcome>? onRejected = null)
    {
        var applied = 0;
        lock (_gate)
        {
            foreach (var feedEvent in batch)
            {
                var outcome = _projection.Apply(feedEvent);
                applied += outcome.Result == ApplyResult.Applied ? 1 : 0;
                if (outcome.Result == ApplyResult.Applied && feedEvent.OccurredAt > _newest)
                {
                    _newest = feedEvent.OccurredAt;
                }
                if (outcome.Result == ApplyResult.Rejected)
                {
                    Interlocked.Increment(ref _rejected);
                    onRejected?.Invoke(feedEvent, outcome);
                }
            }
        }

        _changed.Raise();
        return applied;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking after every applied batch.</summary>
    public Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => _changed.WaitForAsync(condition, timeout);

    public SituationSnapshot Snapshot(JurisdictionCode scope)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_cache.TryGetValue(scope, out var cached) && cached.Version == _projection.Version &&
                now - cached.At < TimeSpan.FromSeconds(1))
            {
                return cached;
            }

            var snapshot = _projection.Snapshot(scope, now);
            _cache[scope] = snapshot;
            return snapshot;
        }
    }

    /// <summary>One page of the open orders of a scope in <paramref name="lists"/> (see <see cref="SituationProjection.Orders"/>).</summary>
    public OrderPage Orders(JurisdictionCode scope, IReadOnlyCollection<OrderList> lists, OrderKey? after, int limit)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _projection.Orders(scope, lists, after, limit, now);
        }
    }

    /// <summary>A reader's open orders of a scope brought up to date (see <see cref="SituationProjection.Standings"/>).</summary>
    public OrderListing Standings(JurisdictionCode scope, IReadOnlyCollection<OrderList> lists, int limit, Func<string, long, bool> known,
        long since, bool heldComplete, bool wholeDue)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _projection.Standings(scope, lists, limit, now, known, since, heldComplete, wholeDue);
        }
    }

    /// <summary>
    /// The open orders of a scope newest first, read a page at a time as the caller goes on (the lock is held for one page,
    /// never for the whole backlog); stop early to pay only for what is read.
    /// </summary>
    public IEnumerable<WorkOrderCard> OpenCards(JurisdictionCode scope, int pageSize = 500)
    {
        OrderKey? after = null;
        while (true)
        {
            var page = Orders(scope, OrderLists.ByState, after, pageSize);
            foreach (var card in page.Orders)
            {
                yield return card;
            }

            if (page.Next is null || !OrderKey.TryParse(page.Next, out var next))
            {
                yield break;
            }

            after = next;
        }
    }

    /// <summary>A drone's thinned trail since <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<Domain.Drones.TrailPoint> TrailOf(string droneId, DateTimeOffset since)
    {
        lock (_gate)
        {
            return _projection.TrailOf(droneId, since);
        }
    }

    /// <summary>Open orders each unit leads that wait for it or are being handled.</summary>
    public IReadOnlyDictionary<string, int> UnitLoad()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _projection.UnitLoad(now);
        }
    }

    /// <summary>The open orders as they stand (a copy; for checks over all of them, such as an import's).</summary>
    public IReadOnlyList<WorkOrder> OpenOrders()
    {
        lock (_gate)
        {
            return [.. _projection.OpenOrders];
        }
    }

    public WorkOrderCard? CardOf(WorkOrderId id)
    {
        lock (_gate)
        {
            return _projection.CardOf(id, _time.GetUtcNow());
        }
    }

    /// <summary>How many cameras the registry holds.</summary>
    public int CameraCount
    {
        get
        {
            lock (_gate)
            {
                return _projection.CameraCount;
            }
        }
    }

    public IReadOnlyList<Domain.Duty.DutyShift> Shifts(JurisdictionCode scope)
    {
        lock (_gate)
        {
            return _projection.Shifts(scope, _time.GetUtcNow());
        }
    }

    /// <summary>Open orders due an automatic supervision card now.</summary>
    public IReadOnlyList<WorkOrderCard> DueForSupervision()
    {
        lock (_gate)
        {
            return _projection.DueForSupervision(_time.GetUtcNow());
        }
    }

    public IReadOnlyList<WorkOrderCard> AwaitingEvaluation(JurisdictionCode scope)
    {
        lock (_gate)
        {
            return _projection.AwaitingEvaluation(scope, _time.GetUtcNow());
        }
    }

    /// <summary>Grid members' tasks of a jurisdiction: open ones first, then those done today.</summary>
    public IReadOnlyList<Domain.GridMembers.GridTask> Tasks(JurisdictionCode scope)
    {
        lock (_gate)
        {
            return _projection.Tasks(scope);
        }
    }

    /// <summary>One member's tasks: open ones, then those done today.</summary>
    public IReadOnlyList<Domain.GridMembers.GridTask> TasksOf(string memberId)
    {
        lock (_gate)
        {
            return _projection.TasksOf(memberId);
        }
    }

    public Domain.GridMembers.GridTask? FindTask(string id)
    {
        lock (_gate)
        {
            return _projection.FindTask(id);
        }
    }

    /// <summary>The visits active elderly residents' alarms call for and that no task covers yet.</summary>
    public IReadOnlyList<Domain.GridMembers.GridTask> VisitsDue()
    {
        lock (_gate)
        {
            return _projection.VisitsDue();
        }
    }

    /// <summary>An order's timeline (what was done, when, by whom), oldest first; empty when unknown.</summary>
    public IReadOnlyList<Domain.WorkOrders.TimelineEntry> TimelineOf(WorkOrderId id)
    {
        lock (_gate)
        {
            return _projection.FindOrder(id) is { } order ? [.. order.Timeline] : [];
        }
    }

    public int Prune()
    {
        lock (_gate)
        {
            _cache.Clear();
            return _projection.Prune(_time.GetUtcNow());
        }
    }
}
