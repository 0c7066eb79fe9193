using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Crowd;
using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Duty;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Events;

/// <summary>The typed content of a <see cref="FeedEvent"/>.</summary>
public abstract record FeedPayload
{
    public abstract FeedEventKind Kind { get; }
}

/// <summary>A new work order (上报).</summary>
public sealed record WorkOrderReported(WorkOrderReport Report) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.WorkOrderReported;
}

/// <summary>
/// One action of the loop on an existing order. Fields beyond the action are used by the actions that need
/// them: <see cref="Note"/> as reason; <see cref="UnitId"/> as the lead unit of a dispatch, the assisting unit whose part
/// is signed or reported (none for the lead's), or the assisting unit released; <see cref="Assisting"/> as a dispatch's
/// assisting units (协办); <see cref="Mediation"/> as a dispute's mediation outcome on its lead's report; and so on.
/// </summary>
public sealed record WorkOrderActed(
    WorkOrderId WorkOrderId,
    WorkOrderAction Action,
    string Actor,
    string? Note = null,
    string? UnitId = null,
    Supervision? Supervision = null,
    Satisfaction? Satisfaction = null,
    TimeSpan? Extension = null,
    string? ApprovedBy = null,
    ClosureType? Closure = null,
    IReadOnlyList<string>? Assisting = null,
    Categories.MediationOutcome? Mediation = null) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.WorkOrderActed;
}

/// <summary>
/// A device alarm; a repeat of an open alarm of the same device and kind updates it. <see cref="Category"/>, when the
/// device says what it watches more precisely than its kind (a gas manhole cover, not any cover), files its order there.
/// </summary>
public sealed record AlarmRaised(
    string DeviceId,
    AlarmKind AlarmKind,
    AlarmSeverity Severity,
    string Description,
    GeoPoint? Location = null,
    Categories.CategoryCode? Category = null) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.AlarmRaised;
}

public sealed record AlarmCleared(string DeviceId, AlarmKind AlarmKind) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.AlarmCleared;
}

public sealed record AlarmAcknowledged(string DeviceId, AlarmKind AlarmKind, string By) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.AlarmAcknowledged;
}

/// <summary>A shift on the roster (值班表), posted or replaced by its id.</summary>
public sealed record DutyShiftPosted(DutyShift Shift) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.DutyShiftPosted;
}

public sealed record DroneTelemetryReceived(DroneTrack Track) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.DroneTelemetry;
}

public sealed record CrowdFrameObserved(CrowdFrame Frame) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.CrowdFrame;
}

public sealed record CameraStatusChanged(Cameras.CameraId CameraId, bool Online) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.CameraStatus;
}

/// <summary>A camera entered or updated in the registry (import from a video platform).</summary>
public sealed record CameraRegistered(Cameras.Camera Camera) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.CameraRegistered;
}

/// <summary>
/// A center's reference data put in force (seeded on first start, or imported by an admin at <c>/admin/reference</c>): the
/// files whole, their digest, and who imported them. Every node and the ingest gateway apply it from the log, without a
/// restart.
/// </summary>
public sealed record ReferenceImported(string Digest, string By, IReadOnlyDictionary<string, string> Files) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.ReferenceImported;
}

/// <summary>A grid member's patrol position (网格员巡查定位): telemetry, latest wins per member.</summary>
public sealed record GridMemberPatrolled(GridMembers.PatrolPosition Patrol) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.GridMemberPatrolled;
}

/// <summary>A task given to a grid member (核查 an order, 走访 after an elderly resident's alarm); the same id again reassigns it.</summary>
public sealed record GridTaskAssigned(GridMembers.GridTask Task) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.GridTaskAssigned;
}

/// <summary>The member reports the task done, with what they found.</summary>
public sealed record GridTaskDone(string TaskId, string MemberId, string? Result) : FeedPayload
{
    public override FeedEventKind Kind => FeedEventKind.GridTaskDone;
}
