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

    /// <summary>
    /// The hour's device alarms, each with its own device so plans never collide: raised, sometimes repeated
    /// (which updates the open alarm), often acknowledged, then cleared.
    /// </summary>
    private void PlanAlarms(DateTimeOffset hour)
    {
        var r = RandomFor(HourIndex(hour), 2);
        var n = 0;
        foreach (var at in Arrivals(r, hour, _options.AlarmsPerHour * _options.Speed).ToList())
        {
            var community = Pick(r, _district.Communities);
            var mix = Weighted(r, AlarmMix, a => a.Weight);
            var number = r.Next(1, 30);
            var key = $"{hour.ToOffset(China):yyMMddHH}{++n:000}";
            // As the alarms feed will scope it: the simulator is a source like any other (see SourceScope).
            var device = Ingest.SourceScope.Of(Source, $"{mix.Device}-{community.Code.Value[6..]}-{key}");
            var text = $"{community.Name}{number}{mix.Text}";
            var repeats = Chance(r, 0.3) ? r.Next(1, 3) : 0;
            var plan = new List<(DateTimeOffset At, string Id, FeedPayload Payload)>
            {
                (at, $"sim-A{key}-0", new AlarmRaised(device, mix.Kind, mix.Severity, text, community.Centre)),
            };
            var t = at;
            for (var i = 1; i <= repeats; i++)
            {
                t += Minutes(r, 1, 6);
                plan.Add((t, $"sim-A{key}-r{i}", new AlarmRaised(device, mix.Kind, mix.Severity, text, community.Centre)));
            }

            var clearAt = t + Minutes(r, 4, 40);
            if (Chance(r, 0.6))
            {
                var ackAt = at + Minutes(r, 0.5, 4);
                plan.Add((ackAt < clearAt ? ackAt : clearAt.AddSeconds(-1), $"sim-A{key}-ack", new AlarmAcknowledged(device, mix.Kind, "值班员")));
            }

            plan.Add((clearAt, $"sim-A{key}-clear", new AlarmCleared(device, mix.Kind)));
            if (at < _from)
            {
                continue; // raised before this run's window: its clear would find nothing open
            }

            foreach (var (when, id, payload) in plan)
            {
                ScheduleEvent(when, id, community.Code, payload);
            }

            if (_openOrdersFor.Contains(mix.Kind))
            {
                // The alarm rules open an order for this alarm at ingest (the same event, so the two are one); the
                // departments handle it like any other.
                var order = Ingest.AlarmRules.OrderIdFor(device, mix.Kind, at);
                var report = Ingest.AlarmRules.ReportFor((AlarmRaised)plan[0].Payload, community.Code, at, Source);
                ScheduleEvent(at, report.Id, community.Code, report.Payload);
                var loop = PlanLoop(RandomFor(HourIndex(hour) * 1000 + n, 5), order, Ingest.AlarmRules.CategoryOf(mix.Kind).Value, urgent: true, at, community.Grids[0]);
                for (var step = 0; step < loop.Count; step++)
                {
                    ScheduleEvent(loop[step].At, $"sim-{order.Value}-{step + 1}", community.Code, loop[step].Act);
                }
            }
        }
    }
}
