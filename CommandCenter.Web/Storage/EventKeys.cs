using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Serialization;

namespace CommandCenter.Web.Storage;

/// <summary>The keys an event is filed under in the store.</summary>
internal static class EventKeys
{
    public static string? WorkOrderId(FeedEvent e) => e.Payload switch
    {
        WorkOrderReported p => p.Report.Id.Value,
        WorkOrderActed p => p.WorkOrderId.Value,
        _ => null,
    };

    public static string? AlarmKey(FeedEvent e) => e.Payload switch
    {
        AlarmRaised p => Alarm(p.DeviceId, p.AlarmKind),
        AlarmCleared p => Alarm(p.DeviceId, p.AlarmKind),
        AlarmAcknowledged p => Alarm(p.DeviceId, p.AlarmKind),
        _ => null,
    };

    public static string Alarm(string deviceId, Domain.Alarms.AlarmKind kind) => $"{deviceId}|{kind}";

    public static string? TelemetryKey(FeedEvent e) => e.Payload switch
    {
        DroneTelemetryReceived p => $"drone:{p.Track.DroneId}",
        CrowdFrameObserved p => $"crowd:{p.Frame.AreaId}",
        CameraStatusChanged p => $"camera:{p.CameraId.Value}",
        GridMemberPatrolled p => $"patrol:{p.Patrol.MemberId}",
        _ => null,
    };

    /// <summary>How thinly a telemetry stream's history is kept: the latest point of each bucket of this length.</summary>
    public static TimeSpan TelemetryBucket(FeedEvent e) => e.Payload switch
    {
        DroneTelemetryReceived => TimeSpan.FromSeconds(5),
        _ => TimeSpan.FromMinutes(1),
    };

    public static EventRow Row(FeedEvent e, long receivedAtMs) => new(e.Id, e.Source, e.Kind.ToString(),
        e.OccurredAt.ToUnixTimeMilliseconds(), receivedAtMs, e.Scope.Value, WorkOrderId(e), AlarmKey(e),
        FeedEventJson.Serialize(e));

    public static string Identity(string source, string eventId) => $"{source}\u0001{eventId}";
}
