using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Events;

namespace CommandCenter.Feeds.Simulator;

public sealed partial class DistrictSimulator
{
    private static readonly (AlarmKind Kind, int Weight, AlarmSeverity Severity, string Device, string Text)[] AlarmMix =
    [
        (AlarmKind.ElevatorEBike, 30, AlarmSeverity.Minor, "lift", "号楼电梯检测到电动车进入,已梯阻并语音劝离"),
        (AlarmKind.GeomagneticParking, 15, AlarmSeverity.Warning, "geo", "号泊位地磁检测到消防通道违停"),
        (AlarmKind.GarbageRoom, 12, AlarmSeverity.Warning, "bin", "号垃圾房满溢"),
        (AlarmKind.Smoke, 10, AlarmSeverity.Critical, "smoke", "号楼智能烟感报警"),
        (AlarmKind.ManholeCover, 8, AlarmSeverity.Major, "well", "号智慧井盖倾斜开启"),
        (AlarmKind.AccessAnomaly, 8, AlarmSeverity.Minor, "door", "号楼独居老人72小时未出门"),
        (AlarmKind.HydrantPressure, 6, AlarmSeverity.Major, "hydrant", "号消防栓水压低于0.14MPa"),
        (AlarmKind.ElderlyOneKey, 6, AlarmSeverity.Critical, "sos", "号楼独居老人按下一键告警"),
        (AlarmKind.HighAltitudeThrow, 5, AlarmSeverity.Major, "cam", "号楼高空抛物AI识别"),
    ];

    private readonly HashSet<(string Device, AlarmKind Kind)> _openAlarms = [];

    private void ScheduleNextAlarm(DateTimeOffset after)
    {
        if (_options.AlarmsPerHour <= 0)
        {
            return;
        }

        var gap = -Math.Log(1 - _random.NextDouble()) / (_options.AlarmsPerHour * _options.Speed);
        Schedule(after + TimeSpan.FromHours(gap), NewAlarm);
    }

    private void NewAlarm(DateTimeOffset at, List<FeedEvent> events)
    {
        ScheduleNextAlarm(at);
        var community = Pick(_district.Communities);
        var mix = Weighted(AlarmMix, a => a.Weight);
        var number = _random.Next(1, 5);
        var device = $"{mix.Device}-{community.Code.Value}-{number:00}";
        Emit(events, at, community.Code, new AlarmRaised(device, mix.Kind, mix.Severity,
            $"{community.Name}{number}{mix.Text}", community.Centre));

        if (_openAlarms.Add((device, mix.Kind)))
        {
            if (Chance(0.6))
            {
                Schedule(at + Minutes(0.5, 4), (t, list) =>
                {
                    if (_openAlarms.Contains((device, mix.Kind)))
                    {
                        Emit(list, t, community.Code, new AlarmAcknowledged(device, mix.Kind, "值班员"));
                    }
                });
            }

            Schedule(at + Minutes(4, 40), (t, list) =>
            {
                _openAlarms.Remove((device, mix.Kind));
                Emit(list, t, community.Code, new AlarmCleared(device, mix.Kind));
            });
        }
    }
}
