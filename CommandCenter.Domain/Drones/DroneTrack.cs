using CommandCenter.Domain.Geo;

namespace CommandCenter.Domain.Drones;

/// <summary>One telemetry point of a patrol drone (无人机巡查).</summary>
public sealed record DroneTrack(
    string DroneId,
    GeoPoint Position,
    double AltitudeMeters,
    double HeadingDegrees,
    double SpeedMetersPerSecond,
    int BatteryPercent,
    string Mission,
    DateTimeOffset At,
    string? StreamUrl = null);
