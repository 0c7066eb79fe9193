using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Crowd;
using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Duty;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Situation;

/// <summary>
/// Folds feed events into the live situation. Idempotent by event id; telemetry is latest-wins by its time;
/// an event that contradicts the state (unknown order, refused transition) is rejected with a reason and
/// changes nothing. Not thread-safe: one writer applies, snapshots are immutable copies.
/// </summary>
public sealed partial class SituationProjection(
    JurisdictionTree tree,
    CategoryCatalog categories,
    SlaPolicy policy,
    int dedupeWindow = 200_000)
{
    private JurisdictionTree _tree = tree;
    private CategoryCatalog _categories = categories;
    private SlaPolicy _policy = policy;
    private readonly RecentIds _seen = new(dedupeWindow);
    private readonly Dictionary<WorkOrderId, WorkOrder> _orders = [];
    private readonly AlarmBook _alarms = new();
    private readonly LatestBySource<DroneTrack> _drones = new("drones", 1_000);
    private readonly DroneTrails _trails = new();
    private readonly LatestBySource<CrowdFrame> _crowd = new("crowd areas", 500);
    private readonly Dictionary<string, (DutyShift Shift, DateTimeOffset PostedAt)> _shifts = new(StringComparer.Ordinal);
    private readonly LatestBySource<bool> _cameras = new("camera states", 50_000);
    private readonly LatestBySource<GridMembers.PatrolPosition> _patrols = new("grid members", 20_000);
    private IReadOnlyList<GridMembers.GridMember> _members = [];

    /// <summary>The grid-member registry the counts are of (from the reference data in force).</summary>
    public void UseGridMembers(IReadOnlyList<GridMembers.GridMember> members)
    {
        _members = members;
        Version++;
    }
    private readonly Dictionary<string, Cameras.Camera> _registry = new(StringComparer.Ordinal);

    /// <summary>The registered camera with this GB/T 28181 id, if any.</summary>
    public Cameras.Camera? FindCamera(string id) => _registry.GetValueOrDefault(id);

    /// <summary>How many cameras are registered.</summary>
    public int CameraCount => _registry.Count;

    /// <summary>Cameras one source may register (a city's whole inventory fits; an endless stream of new ids does not).</summary>
    public const int CamerasPerSource = 100_000;

    private ApplyOutcome Register(Cameras.Camera camera, string source)
    {
        if (_registrySources.TryGetValue(camera.Id.Value, out var registeredBy))
        {
            _registryCounts[registeredBy]--;
        }
        else if (_registryCounts.GetValueOrDefault(source) >= CamerasPerSource)
        {
            return ApplyOutcome.Rejected($"source '{source}' already registered {CamerasPerSource} cameras; new ones are refused");
        }

        _cameraScopes.Move(camera.Id.Value, _registry.GetValueOrDefault(camera.Id.Value)?.Scope, camera.Scope);
        _registry[camera.Id.Value] = camera;
        _registrySources[camera.Id.Value] = source;
        _registryCounts[source] = _registryCounts.GetValueOrDefault(source) + 1;
        return ApplyOutcome.Applied;
    }

    private readonly ScopedIds _cameraScopes = new();
    private readonly Dictionary<string, string> _registrySources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _registryCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<FeedEventKind, DateTimeOffset> _lastEventAt = [];

    public JurisdictionTree Tree => _tree;

    /// <summary>
    /// Puts imported reference data in force: names, categories and the working calendar of every order from now on (each
    /// order keeps the limits fixed into its report).
    /// </summary>
    public void UseReference(JurisdictionTree tree, CategoryCatalog categories, SlaPolicy policy)
    {
        (_tree, _categories, _policy) = (tree, categories, policy);
        foreach (var order in _orders.Values)
        {
            order.UsePolicy(policy);
        }

        _index?.Rebuild(_orders.Values, _index.At, policy.Calendar);

        Version++;
    }

    /// <summary>Grows by one for every applied event; snapshots of equal version are equal.</summary>
    public long Version { get; private set; }

    public int OrderCount => _orders.Count;

    public ApplyOutcome Apply(FeedEvent e)
    {
        if (!_seen.Add(e.Source, e.Id))
        {
            return ApplyOutcome.Duplicate;
        }

        var outcome = e.Payload switch
        {
            WorkOrderReported p => Report(e, p),
            WorkOrderActed p => Act(e, p),
            AlarmRaised p => Raise(e, p),
            AlarmCleared p => _alarms.Clear(p.DeviceId, p.AlarmKind, e.OccurredAt) is null
                ? ApplyOutcome.Rejected($"no active {p.AlarmKind} alarm on device {p.DeviceId}") : ApplyOutcome.Applied,
            AlarmAcknowledged p => _alarms.Acknowledge(p.DeviceId, p.AlarmKind, p.By, e.OccurredAt) is null
                ? ApplyOutcome.Rejected($"no active {p.AlarmKind} alarm on device {p.DeviceId}") : ApplyOutcome.Applied,
            DutyShiftPosted p => Post(e, p.Shift),
            DroneTelemetryReceived p => Fly(e, p.Track),
            CrowdFrameObserved p => _crowd.Upsert(p.Frame.AreaId, p.Frame, e.Scope, e.Source, p.Frame.At),
            CameraStatusChanged p => _cameras.Upsert(p.CameraId.Value, p.Online, e.Scope, e.Source, e.OccurredAt),
            CameraRegistered p => Register(p.Camera, e.Source),
            GridMemberPatrolled p => _patrols.Upsert(p.Patrol.MemberId, p.Patrol, e.Scope, e.Source, p.Patrol.At),
            GridTaskAssigned p => Assign(p.Task),
            GridTaskDone p => Complete(e, p),
            ReferenceImported => ApplyOutcome.Applied, // the node puts it in force (UseReference); the picture only re-renders
            _ => ApplyOutcome.Rejected($"unknown payload {e.Payload.GetType().Name}"),
        };

        if (outcome.Result == ApplyResult.Applied)
        {
            Version++;
            if (!_lastEventAt.TryGetValue(e.Kind, out var last) || e.OccurredAt > last)
            {
                _lastEventAt[e.Kind] = e.OccurredAt;
            }
        }

        return outcome;
    }

    public WorkOrder? FindOrder(WorkOrderId id) => _orders.GetValueOrDefault(id);

    /// <summary>The thinned trail of a drone since <paramref name="since"/>, oldest first (empty for a drone not on the wall).</summary>
    public IReadOnlyList<TrailPoint> TrailOf(string droneId, DateTimeOffset since) => _trails.Of(droneId, since);

    private ApplyOutcome Fly(FeedEvent e, DroneTrack track)
    {
        var outcome = _drones.Upsert(track.DroneId, track, e.Scope, e.Source, track.At);
        if (outcome.Result == ApplyResult.Applied)
        {
            _trails.Add(track);
        }

        return outcome;
    }

    /// <summary>The open orders (every one is kept in memory until it closes).</summary>
    public IEnumerable<WorkOrder> OpenOrders => _orders.Values.Where(o => o.IsOpen);

    /// <summary>The active alarm of a device and kind, if any.</summary>
    public Alarm? FindActiveAlarm(string deviceId, AlarmKind kind) =>
        _alarms.Active.FirstOrDefault(a => a.DeviceId == deviceId && a.Kind == kind);

    /// <summary>
    /// Forgets what a wall no longer shows: orders closed or voided before today, shifts that ended, and
    /// drones silent for ten minutes.
    /// </summary>
    public int Prune(DateTimeOffset now)
    {
        var startOfDay = _policy.Calendar.StartOfDay(now);
        var removed = 0;
        foreach (var (id, order) in _orders.ToList())
        {
            if (!order.IsOpen && order.LastChangedAt < startOfDay && order.ReportedAt < startOfDay)
            {
                removed += _orders.Remove(id) ? 1 : 0;
                _index?.Remove(id);
            }
        }

        foreach (var (id, posted) in _shifts.ToList())
        {
            removed += posted.Shift.End < now && _shifts.Remove(id) ? 1 : 0;
        }

        removed += _drones.PruneSilentSince(now - TimeSpan.FromMinutes(10));
        _trails.Keep(_drones.Items.Select(d => d.Value.DroneId));
        removed += _crowd.PruneSilentSince(now - TimeSpan.FromMinutes(30));
        removed += _cameras.PruneSilentSince(now - TimeSpan.FromDays(1));
        removed += _patrols.PruneSilentSince(now - TimeSpan.FromHours(12));
        removed += PruneTasks(startOfDay);

        return removed;
    }

    private ApplyOutcome Report(FeedEvent e, WorkOrderReported p)
    {
        if (_orders.ContainsKey(p.Report.Id))
        {
            return ApplyOutcome.Rejected($"work order {p.Report.Id} was already reported");
        }

        var order = WorkOrder.Reported(p.Report, _policy, e.OccurredAt, e.Source);
        _orders[p.Report.Id] = order;
        _index?.Put(order);
        return ApplyOutcome.Applied;
    }

    private ApplyOutcome Act(FeedEvent e, WorkOrderActed p)
    {
        if (!_orders.TryGetValue(p.WorkOrderId, out var order))
        {
            return ApplyOutcome.Rejected($"work order {p.WorkOrderId} is unknown");
        }

        try
        {
            order.Perform(p, e.OccurredAt);
            _index?.Put(order);
            return ApplyOutcome.Applied;
        }
        catch (WorkOrderTransitionException ex)
        {
            return ApplyOutcome.Rejected(ex.Message);
        }
    }

    private ApplyOutcome Raise(FeedEvent e, AlarmRaised p) =>
        _alarms.Raise($"{e.Source}.{e.Id}", // event ids are unique per source only
            p.DeviceId, p.AlarmKind, p.Severity, p.Description, e.Scope, p.Location, e.OccurredAt, e.Source) is null
            ? ApplyOutcome.Rejected($"source '{e.Source}' already has {_alarms.PerSource} open alarms; new devices' alarms are refused until some clear")
            : ApplyOutcome.Applied;

    private ApplyOutcome Post(FeedEvent e, DutyShift shift)
    {
        if (_shifts.TryGetValue(shift.Id, out var current) && current.PostedAt > e.OccurredAt)
        {
            return ApplyOutcome.Stale;
        }

        _shifts[shift.Id] = (shift, e.OccurredAt);
        return ApplyOutcome.Applied;
    }
}
