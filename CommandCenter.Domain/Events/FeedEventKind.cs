namespace CommandCenter.Domain.Events;

/// <summary>What a feed event reports. The kind decides its lane.</summary>
public enum FeedEventKind
{
    WorkOrderReported = 0,
    WorkOrderActed,
    AlarmRaised,
    AlarmCleared,
    AlarmAcknowledged,
    DutyShiftPosted,
    DroneTelemetry,
    CrowdFrame,
    CameraStatus,
    CameraRegistered,
    ReferenceImported,
    GridMemberPatrolled,
    GridTaskAssigned,
    GridTaskDone,
}

/// <summary>
/// Durable events are never dropped or trimmed before they are stored; telemetry is latest-wins and may be
/// coalesced or trimmed.
/// </summary>
public enum FeedLane
{
    Durable = 0,
    Telemetry,
}

public static class FeedEventKinds
{
    public static FeedLane Lane(this FeedEventKind kind) => kind switch
    {
        FeedEventKind.DroneTelemetry or FeedEventKind.CrowdFrame or FeedEventKind.CameraStatus or FeedEventKind.GridMemberPatrolled => FeedLane.Telemetry,
        _ => FeedLane.Durable,
    };
}
