using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
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
            _ = r.NextDouble() + r.NextDouble(); // the old location draws: later numbers stay what they were
            var location = _district.PointIn(grid, RandomFor(HourIndex(hour) * 1000 + n, 6)); // inside its grid, as a patrol app reports
            var contact = source == WorkOrderSource.Hotline12345 ? $"1{r.Next(30, 99)}0000{r.Next(1000, 9999)}" : null;
            var report = new WorkOrderReport(id, kind, source, CategoryCode.From(code), urgent ? Urgency.Urgent : Urgency.Normal,
                $"{community.Name}{Pick(r, DemoNames.Places)}{phrase}", grid, location, $"{community.StreetName}{community.Name}", contact,
                Matter: MatterOf(r, CategoryCode.From(code), at));
            var plan = PlanLoop(r, id, code, urgent, at, grid, kind);
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

    /// <summary>
    /// The whole future of one order, sampled at once: most go smoothly; some are returned by the unit, reworked after
    /// verification, postponed, or stuck past their handling limit (the wall's supervision rule cards those, as it does
    /// any order). Orders go to the units the dispatch catalogue names for their category and street; the units work
    /// office hours, and their pace follows the speed factor.
    /// </summary>
    private List<(DateTimeOffset At, WorkOrderActed Act)> PlanLoop(Random r, WorkOrderId id, string category, bool urgent, DateTimeOffset at,
        JurisdictionCode place, WorkOrderKind kind = WorkOrderKind.Report)
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

        var code = CategoryCode.From(category);
        var rule = DemoCatalogues.Dispatch.RuleFor(code);
        var unit = UnitOf(rule.Lead, place);
        Step(Minutes(r, 1, urgent ? 4 : 10), WorkOrderAction.Accept, "受理员");
        var center = "派遣员";
        if (Chance(r, 0.02))
        {
            // 两级指挥: the street cannot coordinate it and hands it to the district, which dispatches.
            Step(Minutes(r, 5, 20), WorkOrderAction.Escalate, "街道受理员", "涉及多部门，街道无法协调");
            center = "区指挥员";
        }

        // 联动: where the catalogue names an assisting department, some orders go to both.
        var helper = rule.Assisting.Count > 0 && Chance(r, 0.35) ? UnitOf(rule.Assisting[0], place) : null;
        helper = helper?.Id == unit.Id ? null : helper;
        plan.Add((t += Chance(r, 0.05) ? Minutes(r, 30, 70) : Minutes(r, 1, urgent ? 5 : 20),
            new WorkOrderActed(id, WorkOrderAction.Dispatch, center, null, unit.Id, Assisting: helper is null ? null : [helper.Id])));
        if (Chance(r, 0.06))
        {
            Step(Minutes(r, 10, 40), WorkOrderAction.Return, unit.Name, "非本单位职责");
            if (Chance(r, 0.25))
            {
                Step(Minutes(r, 5, 15), WorkOrderAction.RejectReturn, center, "属本单位职责，请继续处置");
            }
            else
            {
                Step(Minutes(r, 5, 15), WorkOrderAction.AcceptReturn, center, "同意退单，改派");
                unit = UnitOf(rule.Assisting.Count > 0 ? rule.Assisting[0] : DemoCatalogues.Dispatch.Fallback.Lead, place);
                helper = null;
                Step(Minutes(r, 1, 5), WorkOrderAction.Dispatch, center, unit: unit.Id);
            }
        }

        t = urgent ? t : OfficeHours(r, t);
        Step(Chance(r, 0.08) ? Minutes(r, 130, 240) : Minutes(r, 5, urgent ? 20 : 90), WorkOrderAction.SignOff, unit.Name);
        var signedOff = t;
        var policy = _district.Edition.Data.Sla;
        var limit = policy.LimitFor(Domain.Sla.SlaStage.Handling, code, kind, urgent ? Urgency.Urgent : Urgency.Normal);
        // A few orders are stuck: handled only after 1.1 to 3 times their limit (working time for normal ones).
        var stuck = Chance(r, 0.035);
        var handling = stuck
            ? (urgent ? limit * (1.1 + r.NextDouble() * 1.9) : policy.Calendar.AddWorkingTime(signedOff, limit * (1.1 + r.NextDouble() * 1.9)) - signedOff)
            : urgent ? Minutes(r, 20, 100) : Minutes(r, 30, 220);
        if (helper is not null)
        {
            // The assisting unit signs and reports its part before the lead reports, so the lead's report completes it.
            plan.Add((signedOff + Minutes(r, 1, 10), new WorkOrderActed(id, WorkOrderAction.SignOff, helper.Name, UnitId: helper.Id)));
            plan.Add((signedOff + handling * 0.6, new WorkOrderActed(id, WorkOrderAction.ReportDone, helper.Name, "协办部分已完成", helper.Id)));
        }

        if (!stuck && Chance(r, 0.03))
        {
            plan.Add((t + handling * 0.3, new WorkOrderActed(id, WorkOrderAction.Postpone, unit.Name, "需协调产权单位",
                Extension: TimeSpan.FromHours(4), ApprovedBy: "值班长")));
        }

        Step(handling, WorkOrderAction.ReportDone, unit.Name, "已处置完毕");
        if (Chance(r, 0.04))
        {
            Step(Minutes(r, 5, 25), WorkOrderAction.Rework, "核查员", "现场核查未处置到位");
            Step(Minutes(r, 30, 120), WorkOrderAction.ReportDone, unit.Name, "返工完成");
        }

        Step(Minutes(r, 5, 25), WorkOrderAction.VerifyOk, "核查员", "核查通过");
        if (Chance(r, 0.7))
        {
            var rating = Weighted(r, Ratings, x => x.Weight).Level;
            Step(Minutes(r, 30, 240), WorkOrderAction.Evaluate, "市民回访", satisfaction: rating);
            if (rating <= Satisfaction.Dissatisfied && Chance(r, 0.6))
            {
                // 重办: reopened with its history, sent to the same unit, closed and rated again.
                Step(Minutes(r, 10, 60), WorkOrderAction.Reopen, "回访员", "市民不满意，重办");
                Step(Minutes(r, 5, 20), WorkOrderAction.Dispatch, center, unit: unit.Id);
                Step(Minutes(r, 5, 30), WorkOrderAction.SignOff, unit.Name);
                Step(Minutes(r, 30, 180), WorkOrderAction.ReportDone, unit.Name, "重办完成");
                Step(Minutes(r, 5, 25), WorkOrderAction.VerifyOk, "核查员", "核查通过");
                Step(Minutes(r, 30, 240), WorkOrderAction.Evaluate, "市民回访", satisfaction: Satisfaction.Satisfied);
            }
        }

        if (GovernanceMatters.Of(code) == GovernanceMatter.Dispute)
        {
            // A dispute's report names how its mediation ended: most settle.
            var outcome = Weighted(r, Mediations, m => m.Weight).Outcome;
            for (var i = 0; i < plan.Count; i++)
            {
                if (plan[i].Item2 is { Action: WorkOrderAction.ReportDone, UnitId: null } lead)
                {
                    plan[i] = (plan[i].Item1, lead with { Mediation = outcome });
                }
            }
        }

        plan.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return plan;
    }

    private static readonly (MediationOutcome Outcome, int Weight)[] Mediations =
        [(MediationOutcome.Settled, 85), (MediationOutcome.Unsettled, 8), (MediationOutcome.Litigation, 4), (MediationOutcome.Referred, 3)];

    /// <summary>A safety hazard's rectification deadline (3–10 days, some placarded); a special-group matter's group.</summary>
    private static MatterDetails? MatterOf(Random r, CategoryCode code, DateTimeOffset at) => GovernanceMatters.Of(code) switch
    {
        GovernanceMatter.Hazard => new MatterDetails(DateOnly.FromDateTime(at.ToOffset(China).Date).AddDays(r.Next(3, 11)),
            Chance(r, 0.1) ? Placard.Street : Chance(r, 0.03) ? Placard.District : Placard.None),
        GovernanceMatter.SpecialGroup => new MatterDetails(Group: "独居老人"),
        _ => null,
    };

    /// <summary>The department's unit for a place: the street's own, else the district's brigade, else the street's city squad.</summary>
    private Domain.Units.Unit UnitOf(string department, JurisdictionCode place)
    {
        var street = place.AncestorAt(JurisdictionLevel.Street) ?? place;
        return _district.Units.FirstOrDefault(u => u.Department == department && u.Serves.Contains(street))
            ?? _district.Units.FirstOrDefault(u => u.Department == department)
            ?? _district.Units.First(u => u.Department == "city" && u.Serves.Contains(street));
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
