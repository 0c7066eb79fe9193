using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Feeds.Simulator;

public sealed partial class DistrictSimulator
{
    private static readonly string[] UrgentCategories = ["01076", "09012", "02014", "01001"];

    /// <summary>The hour's new work orders and every later step of each, from the hour's own generator.</summary>
    private void PlanOrders(DateTimeOffset hour)
    {
        var r = RandomFor(HourIndex(hour), 1);
        var perHour = DailyCurve.PerHour(_options.OrdersPerDay * _options.Speed, hour.ToOffset(China).Hour);
        var n = 0;
        foreach (var at in Arrivals(r, hour, perHour).ToList())
        {
            // Draw everything even for orders before the window, so the numbers of later orders never shift.
            var community = Pick(r, _district.Communities);
            var grid = Pick(r, community.Grids);
            var (code, _, phrase) = Weighted(r, DemoNames.Categories, c => c.Weight);
            var urgent = UrgentCategories.Contains(code) ? Chance(r, 0.5) : Chance(r, 0.04);
            var source = Weighted(r, SourceWeights, s => s.Weight).Source;
            var kind = source == WorkOrderSource.Hotline12345 ? Weighted(r, HotlineKinds, k => k.Weight).Kind : WorkOrderKind.Report;
            // As the tickets feed will scope it: the simulator is a source like any other (see SourceScope).
            var id = WorkOrderId.From(Ingest.SourceScope.Of(Source, $"W{hour.ToOffset(China):yyMMddHH}{++n:000}"));
            var location = new GeoPoint(community.Centre.Latitude + (r.NextDouble() - 0.5) * 0.006,
                community.Centre.Longitude + (r.NextDouble() - 0.5) * 0.006);
            var contact = source == WorkOrderSource.Hotline12345 ? $"1{r.Next(30, 99)}0000{r.Next(1000, 9999)}" : null;
            var report = new WorkOrderReport(id, kind, source, CategoryCode.From(code), urgent ? Urgency.Urgent : Urgency.Normal,
                $"{community.Name}{Pick(r, DemoNames.Places)}{phrase}", grid, location, $"{community.StreetName}{community.Name}", contact);
            var plan = PlanLoop(r, id, code, urgent, at);
            if (at < _from)
            {
                continue; // reported before this run's window: the store already has it, or it is history
            }

            ScheduleEvent(at, $"sim-{id}-0", grid, new WorkOrderReported(report));
            for (var step = 0; step < plan.Count; step++)
            {
                ScheduleEvent(plan[step].At, $"sim-{id}-{step + 1}", grid, plan[step].Act);
            }
        }
    }

    /// <summary>The whole future of one order, sampled at once: most go smoothly, some are late or bounce.</summary>
    private List<(DateTimeOffset At, WorkOrderActed Act)> PlanLoop(Random r, WorkOrderId id, string category, bool urgent, DateTimeOffset at)
    {
        var plan = new List<(DateTimeOffset, WorkOrderActed)>();
        var t = at;
        void Step(TimeSpan after, WorkOrderAction action, string actor, string? note = null, string? unit = null,
            Supervision? level = null, Satisfaction? satisfaction = null, TimeSpan? extension = null, string? approvedBy = null)
        {
            t += after;
            plan.Add((t, new WorkOrderActed(id, action, actor, note, unit, level, satisfaction, extension, approvedBy)));
        }

        if (Chance(r, 0.03))
        {
            Step(Minutes(r, 2, 8), WorkOrderAction.Reject, "受理员", "不属于受理范围");
            return plan;
        }

        var unit = UnitFor(category);
        Step(Minutes(r, 1, urgent ? 4 : 10), WorkOrderAction.Accept, "受理员");
        Step(Chance(r, 0.05) ? Minutes(r, 30, 70) : Minutes(r, 1, urgent ? 5 : 20), WorkOrderAction.Dispatch, "派遣员", unit: unit);
        if (Chance(r, 0.06))
        {
            Step(Minutes(r, 10, 40), WorkOrderAction.Return, unit, "非本单位职责");
            unit = UnitFor(Pick(r, DemoNames.Categories).Code);
            Step(Minutes(r, 5, 15), WorkOrderAction.Dispatch, "派遣员", unit: unit);
        }

        t = urgent ? t : OfficeHours(r, t);
        Step(Chance(r, 0.08) ? Minutes(r, 130, 240) : Minutes(r, 5, urgent ? 20 : 90), WorkOrderAction.SignOff, unit);
        var late = Chance(r, 0.06);
        var handling = urgent ? Minutes(r, 20, late ? 200 : 100) : late ? Minutes(r, 300, 600) : Minutes(r, 30, 220);
        if (late && Chance(r, 0.6))
        {
            plan.Add((t + handling * 0.7, new WorkOrderActed(id, WorkOrderAction.Supervise, "督办员", "超时督办", Supervision: Supervision.Yellow)));
            plan.Add((t + handling * 0.9, new WorkOrderActed(id, WorkOrderAction.Supervise, "指挥长", "红牌督办", Supervision: Supervision.Red)));
        }
        else if (!late && Chance(r, 0.03))
        {
            plan.Add((t + handling * 0.3, new WorkOrderActed(id, WorkOrderAction.Postpone, unit, "需协调产权单位",
                Extension: TimeSpan.FromHours(4), ApprovedBy: "值班长")));
        }

        Step(handling, WorkOrderAction.ReportDone, unit, "已处置完毕");
        if (Chance(r, 0.04))
        {
            Step(Minutes(r, 5, 25), WorkOrderAction.Rework, "核查员", "现场核查未处置到位");
            Step(Minutes(r, 30, 120), WorkOrderAction.ReportDone, unit, "返工完成");
        }

        Step(Minutes(r, 5, 25), WorkOrderAction.VerifyOk, "核查员", "核查通过");
        if (Chance(r, 0.7))
        {
            Step(Minutes(r, 30, 240), WorkOrderAction.Evaluate, "市民回访", satisfaction: Weighted(r, Ratings, x => x.Weight).Level);
        }

        plan.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return plan;
    }

    /// <summary>Units work office hours: a step that would fall at night moves to the next morning.</summary>
    private DateTimeOffset OfficeHours(Random r, DateTimeOffset t)
    {
        var local = t.ToOffset(China);
        if (local.Hour is >= 8 and < 18)
        {
            return t;
        }

        var morning = new DateTimeOffset(local.Date, China).AddHours(8.5);
        return (local.Hour >= 18 ? morning.AddDays(1) : morning) + Minutes(r, 0, 40);
    }

    private static string UnitFor(string category) => category[..2] switch
    {
        "01" => "物业公司",
        "02" => "交警大队",
        "08" => "住建局",
        _ when category == "09012" => "消防救援站",
        _ when category == "06028" => "环保分局",
        _ => "城管中队",
    };

    private static readonly (WorkOrderSource Source, int Weight)[] SourceWeights =
    [
        (WorkOrderSource.Hotline12345, 45), (WorkOrderSource.GridPatrol, 38), (WorkOrderSource.CitizenQrCode, 6),
        (WorkOrderSource.IotAlarm, 5), (WorkOrderSource.VideoAi, 3), (WorkOrderSource.DronePatrol, 2),
        (WorkOrderSource.Police110, 1),
    ];

    private static readonly (WorkOrderKind Kind, int Weight)[] HotlineKinds =
    [
        (WorkOrderKind.Complaint, 50), (WorkOrderKind.Help, 20), (WorkOrderKind.Report, 20),
        (WorkOrderKind.Inquiry, 5), (WorkOrderKind.Suggestion, 5),
    ];

    private static readonly (Satisfaction Level, int Weight)[] Ratings =
    [
        (Satisfaction.VerySatisfied, 75), (Satisfaction.Satisfied, 18), (Satisfaction.BasicallySatisfied, 4),
        (Satisfaction.Dissatisfied, 2), (Satisfaction.VeryDissatisfied, 1),
    ];
}
