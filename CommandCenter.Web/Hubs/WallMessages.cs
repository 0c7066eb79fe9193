using CommandCenter.Domain.Situation;

namespace CommandCenter.Web.Hubs;

// What the wall hub sends, in plain values (strings, numbers, times) so JSON and MessagePack clients alike read them.

/// <summary>
/// An open order on a wall: <see cref="Unit"/> is the lead unit, <see cref="Units"/> every unit of the current dispatch with its
/// part (联动), and <see cref="Level"/> the level that handles it (两级指挥: Street or District).
/// </summary>
public sealed record IncidentMessage(string Id, string Scope, string Title, string Category, string Kind, string Source,
    string Urgency, string State, string Supervision, string Light, double FractionUsed, DateTimeOffset? Deadline,
    DateTimeOffset ReportedAt, string Street, string Community, string? Unit, bool Parked, string Level, IReadOnlyList<UnitPartMessage> Units)
{
    public static IncidentMessage From(WorkOrderCard c) => new(c.Id.Value, c.Scope.Value, c.Title, c.CategoryName, c.Kind.ToString(),
        c.Source.ToString(), c.Urgency.ToString(), c.State.ToString(), c.Supervision.ToString(), c.Light.ToString(),
        double.IsNaN(c.FractionUsed) ? 0 : c.FractionUsed, c.Deadline, c.ReportedAt, c.StreetName, c.CommunityName, c.UnitId, c.Parked,
        c.Level.ToString(), [.. c.Parts().Select(UnitPartMessage.From)]);
}

/// <summary>One unit's part in an order: Lead (主办) or Assisting (协办), and when it signed, reported or was released.</summary>
public sealed record UnitPartMessage(string UnitId, string Role, DateTimeOffset? SignedOffAt, DateTimeOffset? ReportedAt, DateTimeOffset? ReleasedAt)
{
    public static UnitPartMessage From(Domain.WorkOrders.UnitPart p) => new(p.UnitId, p.Role.ToString(), p.SignedOffAt, p.ReportedAt, p.ReleasedAt);
}

public sealed record AlarmMessage(string Id, string DeviceId, string Kind, string Severity, string Description, string Street,
    string Community, DateTimeOffset RaisedAt, DateTimeOffset LastSeenAt, int Count, bool Acknowledged)
{
    public static AlarmMessage From(AlarmCard a) => new(a.Id, a.DeviceId, a.Kind.ToString(), a.Severity.ToString(), a.Description,
        a.StreetName, a.CommunityName, a.RaisedAt, a.LastSeenAt, a.Count, a.Acknowledged);
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "Signed: the orders signed off (签收), a field of the documented hub contract")]
public sealed record KpiMessage(string Scope, DateTimeOffset At, int TotalToday, int PendingSignOff, int InProgress, int ClosedToday,
    int Overdue, int SupervisedYellow, int SupervisedRed, int Closed, int DueToClose, int ClosedOnTime, int SignedOnTime, int Signed,
    int AcceptedToday, IReadOnlyList<RateMessage> Rates, int Open, int ActiveAlarms, int UnacknowledgedAlarms,
    IReadOnlyDictionary<string, int> Lists)
{
    public static KpiMessage From(SituationSnapshot s) => new(s.Scope.Value, s.At, s.Counts.TotalToday, s.Counts.PendingSignOff,
        s.Counts.InProgress, s.Counts.ClosedToday, s.Counts.Overdue, s.Counts.SupervisedYellow, s.Counts.SupervisedRed,
        s.Kpis.ClosureRate.Numerator, s.Kpis.ClosureRate.Denominator, s.Kpis.OnTimeClosure.Numerator,
        s.Kpis.OnTimeSignOff.Numerator, s.Kpis.OnTimeSignOff.Denominator, s.Counts.AcceptedToday,
        [.. Domain.Kpis.KpiRates.Of(s.Kpis).Select(r => new RateMessage(r.Key, r.Name, r.Ratio.Numerator, r.Ratio.Denominator, r.Basis))],
        s.OpenCount, s.ActiveAlarmCount, s.UnacknowledgedAlarmCount,
        ListNames.ToDictionary(l => l.Name, l => s.CountOf(l.List), StringComparer.Ordinal));

    /// <summary>The desk's lists by the names the REST <c>bucket</c> and the hub's <c>Incidents</c> take.</summary>
    public static IReadOnlyList<(string Name, OrderList List)> ListNames { get; } =
    [
        ("new", OrderList.New), ("awaiting-sign-off", OrderList.AwaitingSignOff), ("handling", OrderList.Handling),
        ("verifying", OrderList.Verifying), ("in-review", OrderList.InReview), ("overdue", OrderList.Overdue), ("supervised", OrderList.Supervised),
    ];

    /// <summary>True when the counts a client shows differ between two pictures (the lists' and alarms' included).</summary>
    public static bool Changed(SituationSnapshot before, SituationSnapshot now) =>
        before.Counts != now.Counts || before.Kpis != now.Kpis || before.ActiveAlarmCount != now.ActiveAlarmCount ||
        before.UnacknowledgedAlarmCount != now.UnacknowledgedAlarmCount ||
        !(before.ListCounts.IsDefault ? [] : before.ListCounts).SequenceEqual(now.ListCounts.IsDefault ? [] : now.ListCounts);
}

/// <summary>One page of a list of open orders (the hub's <c>Incidents</c>): how many in all, and the cursor of the next page.</summary>
public sealed record IncidentPageMessage(string Scope, IReadOnlyList<IncidentMessage> Incidents, int Total, string? Next);

/// <summary>One KPI rate with its numerator and denominator (none when the denominator is 0), and what it divides by what.</summary>
public sealed record RateMessage(string Key, string Name, int Numerator, int Denominator, string Basis);

public sealed record DutyMessage(string ShiftId, string Scope, string Leader, string Phone, DateTimeOffset Start, DateTimeOffset End);

public sealed record DroneMessage(string DroneId, double Lat, double Lon, double Altitude, double Heading, int Battery, string Mission, DateTimeOffset At);

/// <summary>A crowd area's latest frame: its totals and its bounds (WGS-84); the cell counts go to walls, not to hub clients.</summary>
public sealed record CrowdMessage(string AreaId, string Name, int Total, double PeakDensity, bool OverThreshold, DateTimeOffset At,
    double South, double West, double North, double East)
{
    public static CrowdMessage From(Domain.Crowd.CrowdFrame c) => new(c.AreaId, c.AreaName, c.Total, c.PeakDensity, c.OverThreshold, c.At,
        c.SouthWest.Latitude, c.SouthWest.Longitude, c.NorthEast.Latitude, c.NorthEast.Longitude);
}

/// <summary>A registered camera of the scope and whether it is online (its latest status, else the registry's).</summary>
public sealed record CameraMessage(string CameraId, string Name, string Scope, double Lat, double Lon, bool Online)
{
    public static CameraMessage From(Domain.Cameras.Camera c) => new(c.Id.Value, c.Name, c.Scope.Value, c.Location.Latitude, c.Location.Longitude, c.Online);
}

/// <summary>Grid members (网格员) of one child jurisdiction: registered, and on duty now.</summary>
public sealed record GridMemberCountMessage(string Code, string Name, int Registered, int OnDuty);

/// <summary>Grid members of the scope: registered and on duty, in all and by child jurisdiction.</summary>
public sealed record GridMembersMessage(string Scope, int Registered, int OnDuty, IReadOnlyList<GridMemberCountMessage> ByChild)
{
    public static GridMembersMessage From(SituationSnapshot s)
    {
        var counts = s.GridMembers ?? Domain.GridMembers.GridMemberCounts.None;
        return new(s.Scope.Value, counts.Registered, counts.OnDuty, [.. counts.ByChild.Select(c => new GridMemberCountMessage(c.Code.Value, c.Name, c.Registered, c.OnDuty))]);
    }

    /// <summary>Equal counts (the lists compared item by item).</summary>
    public bool SameAs(GridMembersMessage other) =>
        Registered == other.Registered && OnDuty == other.OnDuty && ByChild.SequenceEqual(other.ByChild);
}

/// <summary>A grid member's latest patrol position (on duty).</summary>
public sealed record PatrolMessage(string MemberId, double Lat, double Lon, DateTimeOffset At)
{
    public static PatrolMessage From(Domain.GridMembers.PatrolPosition p) => new(p.MemberId, p.Position.Latitude, p.Position.Longitude, p.At);
}

/// <summary>Changes of one kind since the last message: items added or changed, and ids removed.</summary>
public sealed record Delta<T>(string Scope, IReadOnlyList<T> Upserted, IReadOnlyList<string> Removed);

/// <summary>Everything a wall needs to draw a jurisdiction at once; deltas follow.</summary>
public sealed record WallSnapshotMessage(string Scope, string ScopeName, long Version, KpiMessage Kpis,
    IReadOnlyList<IncidentMessage> Incidents, IReadOnlyList<AlarmMessage> Alarms, IReadOnlyList<DutyMessage> Duty,
    IReadOnlyList<DroneMessage> Drones, IReadOnlyList<CrowdMessage> Crowd, GridMembersMessage GridMembers, IReadOnlyList<PatrolMessage> Patrols,
    IReadOnlyList<CameraMessage> Cameras, int CameraCount)
{
    public static WallSnapshotMessage From(SituationSnapshot s, int top = WallSubscriber.DefaultTop) => new(s.Scope.Value, s.ScopeName, s.Version,
        KpiMessage.From(s), [.. s.OpenOrders.Take(top).Select(IncidentMessage.From)], [.. s.ActiveAlarms.Take(top).Select(AlarmMessage.From)],
        [.. s.OnDuty.Select(d => new DutyMessage(d.Id, d.Scope.Value, d.Leader.Name, d.Leader.Phone, d.Start, d.End))],
        [.. s.Drones.Select(d => new DroneMessage(d.DroneId, d.Position.Latitude, d.Position.Longitude, d.AltitudeMeters, d.HeadingDegrees,
            d.BatteryPercent, d.Mission, d.At))],
        [.. s.Crowd.Select(CrowdMessage.From)],
        GridMembersMessage.From(s), [.. (s.Patrols.IsDefault ? [] : s.Patrols).Select(PatrolMessage.From)],
        [.. (s.Cameras.IsDefault ? [] : s.Cameras).Select(CameraMessage.From)], s.CameraCount);
}

/// <summary>
/// What a hub client sends to dispatch: the order, its dialog's idempotency key, optionally another lead unit, and optionally
/// the assisting units (协办; absent: the catalogue's, empty: none).
/// </summary>
public sealed record DispatchRequestMessage(string WorkOrderId, string IdempotencyKey, string? UnitId = null, IReadOnlyList<string>? Assisting = null);

/// <summary>The messages a wall client receives.</summary>
public interface IWallClient
{
    Task IncidentsChanged(Delta<IncidentMessage> delta);

    Task AlarmsChanged(Delta<AlarmMessage> delta);

    Task KpisChanged(KpiMessage kpis);

    Task DutyChanged(Delta<DutyMessage> delta);

    Task DronesChanged(Delta<DroneMessage> delta);

    Task CrowdChanged(Delta<CrowdMessage> delta);

    Task GridMembersChanged(GridMembersMessage counts);

    Task PatrolsChanged(Delta<PatrolMessage> delta);

    Task CamerasChanged(Delta<CameraMessage> delta);
}
