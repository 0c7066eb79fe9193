using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Feeds.Simulator;

public sealed partial class DistrictSimulator
{
    private static readonly string[] UrgentCategories = ["01076", "09012", "02014", "01001"];
    private int _orders;

    private void ScheduleNextOrder(DateTimeOffset after)
    {
        var perHour = DailyCurve.PerHour(_options.OrdersPerDay * _options.Speed, after.ToOffset(China).Hour);
        var gap = -Math.Log(1 - _random.NextDouble()) / perHour;
        // Re-read the curve at least every quarter hour so the rate follows the time of day.
        Schedule(after + TimeSpan.FromHours(Math.Min(gap, 0.25)), gap > 0.25 ? (t, _) => ScheduleNextOrder(t) : NewOrder);
    }

    private void NewOrder(DateTimeOffset at, List<FeedEvent> events)
    {
        ScheduleNextOrder(at);
        var community = Pick(_district.Communities);
        var grid = Pick(community.Grids);
        var (code, _, phrase) = Weighted(DemoNames.Categories, c => c.Weight);
        var urgent = UrgentCategories.Contains(code) ? Chance(0.5) : Chance(0.04);
        var source = Weighted(SourceWeights, s => s.Weight).Source;
        var kind = source == WorkOrderSource.Hotline12345 ? Weighted(HotlineKinds, k => k.Weight).Kind : WorkOrderKind.Report;
        var id = WorkOrderId.From($"W{at.ToOffset(China):yyMMdd}{_runTag}{++_orders:00000}");
        var location = new GeoPoint(community.Centre.Latitude + (_random.NextDouble() - 0.5) * 0.006,
            community.Centre.Longitude + (_random.NextDouble() - 0.5) * 0.006);
        var report = new WorkOrderReport(id, kind, source, CategoryCode.From(code),
            urgent ? Urgency.Urgent : Urgency.Normal, $"{community.Name}{Pick(DemoNames.Places)}{phrase}", grid, location,
            $"{community.StreetName}{community.Name}", source == WorkOrderSource.Hotline12345 ? $"1{_random.Next(30, 99)}****{_random.Next(1000, 9999)}" : null);
        Emit(events, at, grid, new WorkOrderReported(report));

        foreach (var (when, act) in PlanLoop(id, code, urgent, at))
        {
            Schedule(when, (t, list) => Emit(list, t, grid, act));
        }
    }

    /// <summary>The whole future of one order, sampled at once: most go smoothly, some are late or bounce.</summary>
    private List<(DateTimeOffset At, WorkOrderActed Act)> PlanLoop(WorkOrderId id, string category, bool urgent, DateTimeOffset at)
    {
        var plan = new List<(DateTimeOffset, WorkOrderActed)>();
        var t = at;
        void Step(TimeSpan after, WorkOrderAction action, string actor, string? note = null, string? unit = null,
            Supervision? level = null, Satisfaction? satisfaction = null, TimeSpan? extension = null, string? approvedBy = null)
        {
            t += after;
            plan.Add((t, new WorkOrderActed(id, action, actor, note, unit, level, satisfaction, extension, approvedBy)));
        }

        if (Chance(0.03))
        {
            Step(Minutes(2, 8), WorkOrderAction.Reject, "受理员", "不属于受理范围");
            return plan;
        }

        var unit = UnitFor(category);
        Step(Minutes(1, urgent ? 4 : 10), WorkOrderAction.Accept, "受理员");
        Step(Chance(0.05) ? Minutes(30, 70) : Minutes(1, urgent ? 5 : 20), WorkOrderAction.Dispatch, "派遣员", unit: unit);
        if (Chance(0.06))
        {
            Step(Minutes(10, 40), WorkOrderAction.Return, unit, "非本单位职责");
            unit = UnitFor(Pick(DemoNames.Categories).Code);
            Step(Minutes(5, 15), WorkOrderAction.Dispatch, "派遣员", unit: unit);
        }

        t = urgent ? t : OfficeHours(t);
        Step(Chance(0.08) ? Minutes(130, 240) : Minutes(5, urgent ? 20 : 90), WorkOrderAction.SignOff, unit);
        var late = Chance(0.06);
        var handling = urgent ? Minutes(20, late ? 200 : 100) : late ? Minutes(300, 600) : Minutes(30, 220);
        if (late && Chance(0.6))
        {
            plan.Add((t + handling * 0.7, new WorkOrderActed(id, WorkOrderAction.Supervise, "督办员", "超时督办", Supervision: Supervision.Yellow)));
            plan.Add((t + handling * 0.9, new WorkOrderActed(id, WorkOrderAction.Supervise, "指挥长", "红牌督办", Supervision: Supervision.Red)));
        }
        else if (!late && Chance(0.03))
        {
            plan.Add((t + handling * 0.3, new WorkOrderActed(id, WorkOrderAction.Postpone, unit, "需协调产权单位",
                Extension: TimeSpan.FromHours(4), ApprovedBy: "值班长")));
        }

        Step(handling, WorkOrderAction.ReportDone, unit, "已处置完毕");
        if (Chance(0.04))
        {
            Step(Minutes(5, 25), WorkOrderAction.Rework, "核查员", "现场核查未处置到位");
            Step(Minutes(30, 120), WorkOrderAction.ReportDone, unit, "返工完成");
        }

        Step(Minutes(5, 25), WorkOrderAction.VerifyOk, "核查员", "核查通过");
        if (Chance(0.7))
        {
            Step(Minutes(30, 240), WorkOrderAction.Evaluate, "市民回访", satisfaction: Weighted(Ratings, r => r.Weight).Level);
        }

        plan.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return plan;
    }

    /// <summary>Units work office hours: a step that would fall at night moves to the next morning.</summary>
    private DateTimeOffset OfficeHours(DateTimeOffset t)
    {
        var local = t.ToOffset(China);
        if (local.Hour is >= 8 and < 18)
        {
            return t;
        }

        var morning = new DateTimeOffset(local.Date, China).AddHours(8.5);
        return (local.Hour >= 18 ? morning.AddDays(1) : morning) + Minutes(0, 40);
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
