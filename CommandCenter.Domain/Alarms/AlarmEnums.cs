namespace CommandCenter.Domain.Alarms;

/// <summary>Alarm severity (ThingsBoard model).</summary>
public enum AlarmSeverity
{
    Indeterminate = 0,
    Warning,
    Minor,
    Major,
    Critical,
}

/// <summary>Kinds of smart-community device alarms (智慧社区物联感知).</summary>
public enum AlarmKind
{
    /// <summary>电梯梯阻: an e-bike entering an elevator.</summary>
    ElevatorEBike = 0,

    /// <summary>智能烟感</summary>
    Smoke,

    /// <summary>高空抛物 (camera AI)</summary>
    HighAltitudeThrow,

    /// <summary>智慧井盖: tilted or open manhole cover.</summary>
    ManholeCover,

    /// <summary>智慧消防栓: hydrant pressure.</summary>
    HydrantPressure,

    /// <summary>地磁: geomagnetic parking sensor.</summary>
    GeomagneticParking,

    /// <summary>一键告警: elderly living alone.</summary>
    ElderlyOneKey,

    /// <summary>智能门禁: an elderly resident not seen for days.</summary>
    AccessAnomaly,

    /// <summary>智能垃圾房</summary>
    GarbageRoom,

    /// <summary>人流密度超限</summary>
    CrowdDensity,
}

public static class AlarmKinds
{
    public static string Label(this AlarmKind kind) => kind switch
    {
        AlarmKind.ElevatorEBike => "电动车进电梯",
        AlarmKind.Smoke => "烟感告警",
        AlarmKind.HighAltitudeThrow => "高空抛物",
        AlarmKind.ManholeCover => "井盖异常",
        AlarmKind.HydrantPressure => "消防栓水压",
        AlarmKind.GeomagneticParking => "地磁违停",
        AlarmKind.ElderlyOneKey => "独居老人一键告警",
        AlarmKind.AccessAnomaly => "门禁异常",
        AlarmKind.GarbageRoom => "垃圾房满溢",
        AlarmKind.CrowdDensity => "人流密度超限",
        _ => kind.ToString(),
    };

    public static string Label(this AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Critical => "紧急",
        AlarmSeverity.Major => "重要",
        AlarmSeverity.Minor => "次要",
        AlarmSeverity.Warning => "提示",
        _ => "未定",
    };
}
