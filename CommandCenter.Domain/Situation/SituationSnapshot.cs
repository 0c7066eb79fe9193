using System.Collections.Immutable;
using CommandCenter.Domain.Crowd;
using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Duty;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Kpis;

namespace CommandCenter.Domain.Situation;

/// <summary>
/// The live situation (态势) of one jurisdiction subtree at one instant. Immutable: widgets render from it and
/// never see it change underneath them.
/// </summary>
public sealed record SituationSnapshot(
    JurisdictionCode Scope,
    string ScopeName,
    DateTimeOffset At,
    long Version,
    WallCounts Counts,
    WorkOrderKpis Kpis,
    ImmutableArray<WorkOrderCard> OpenOrders,
    ImmutableArray<AlarmCard> ActiveAlarms,
    ImmutableArray<DroneTrack> Drones,
    ImmutableArray<CrowdFrame> Crowd,
    ImmutableArray<DutyShift> OnDuty,
    ImmutableDictionary<FeedEventKind, DateTimeOffset> LastEventAt,
    GridMembers.GridMemberCounts? GridMembers = null,
    ImmutableArray<GridMembers.PatrolPosition> Patrols = default,
    ImmutableArray<int> ListCounts = default,
    int AlarmCount = -1,
    int UnacknowledgedAlarms = -1,
    ImmutableArray<Cameras.Camera> Cameras = default,
    int CameraTotal = -1)
{
    /// <summary>At most this many registered cameras go with a snapshot (by id); <see cref="CameraCount"/> says how many the scope has.</summary>
    public const int MaxCameras = 2000;

    /// <summary>How many registered cameras the scope has, however many <see cref="Cameras"/> carries.</summary>
    public int CameraCount => CameraTotal >= 0 ? CameraTotal : (Cameras.IsDefault ? 0 : Cameras.Length);

    /// <summary>How many alarms of the scope are active, however many <see cref="ActiveAlarms"/> carries.</summary>
    public int ActiveAlarmCount => AlarmCount >= 0 ? AlarmCount : ActiveAlarms.Length;

    /// <summary>How many active alarms of the scope nobody has acknowledged yet.</summary>
    public int UnacknowledgedAlarmCount => UnacknowledgedAlarms >= 0 ? UnacknowledgedAlarms : ActiveAlarms.Count(a => !a.Acknowledged);

    /// <summary>At most this many open orders go with a snapshot as cards (the newest); the counts and paged queries carry the rest.</summary>
    public const int MaxListed = 500;

    /// <summary>How many orders of the scope are open (the lists by state together), however many <see cref="OpenOrders"/> carries.</summary>
    public int OpenCount => ListCounts.IsDefault ? OpenOrders.Length : OrderLists.ByState.Sum(CountOf);

    /// <summary>How many orders of the scope are in <paramref name="list"/>.</summary>
    public int CountOf(OrderList list) => ListCounts.IsDefault ? 0 : ListCounts[(int)list];

    /// <summary>
    /// At most this many patrol positions go with a snapshot: the first on duty by member id, the same people from one snapshot
    /// to the next (by the newest report instead, a busy hour would swap people in and out of a map every second); the counts
    /// carry the rest.
    /// </summary>
    public const int MaxPatrols = 500;

    /// <summary>How long since the newest event of any of <paramref name="kinds"/>; null when none arrived yet.</summary>
    public TimeSpan? DataAge(params FeedEventKind[] kinds)
    {
        DateTimeOffset? newest = null;
        foreach (var kind in kinds)
        {
            if (LastEventAt.TryGetValue(kind, out var at) && (newest is null || at > newest))
            {
                newest = at;
            }
        }

        return newest is { } n ? At - n : null;
    }
}
