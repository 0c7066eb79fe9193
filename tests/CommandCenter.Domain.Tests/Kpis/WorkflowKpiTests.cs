using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Kpis;

/// <summary>The rates and counts for joint, escalated, returned and reopened orders, against hand-counted fixtures.</summary>
public sealed class WorkflowKpiTests
{
    private static DateTimeOffset At(int minutes) => MondayNine.AddMinutes(minutes);

    [Fact]
    public void A_street_counts_the_orders_it_handles_and_the_district_counts_them_all()
    {
        var streets = ClosedOn("S1", At(30));
        var escalated = OrderIn(WorkOrderState.Accepted, "D1");
        escalated.Escalate(At(5), "街道", "需区级协调");
        escalated.Dispatch(At(6), "区", "U-ZJ-01");
        escalated.SignOff(At(7), "住建");
        escalated.ReportDone(At(8), "住建");
        escalated.VerifyOk(At(9), "核查");
        var streetOpenOverdue = OrderIn(WorkOrderState.Dispatched, "S2"); // sign-off limit 2 working hours: overdue by noon
        var now = MondayNine.AddHours(4);

        var facts = new[] { streets, escalated, streetOpenOverdue }.Select(o => WorkOrderFacts.Of(o, now)).ToList();
        var street = WorkOrderKpis.ForLevel(facts, JurisdictionLevel.Street);
        var district = WorkOrderKpis.ForLevel(facts, JurisdictionLevel.District);

        Assert.Equal(new Ratio(1, 2), street.ClosureRate);   // S1 closed; S2 due and open; D1 is the district's
        Assert.Equal(new Ratio(2, 3), district.ClosureRate); // S1 and D1 closed; S2 due
        Assert.Equal(street, WorkOrderKpis.ForLevel(facts, JurisdictionLevel.Community)); // below a street, the street's rule
        Assert.Equal(new Ratio(2, 2), street.DispatchAccuracy);
        Assert.Equal(new Ratio(3, 3), district.DispatchAccuracy);
    }

    [Fact]
    public void A_reopened_order_leaves_the_closed_count_and_closed_again_the_same_day_counts_once()
    {
        var order = ClosedOn("R1", At(30));
        order.Evaluate(At(40), "市民", Satisfaction.VeryDissatisfied);
        var startOfDay = Policy.Calendar.StartOfDay(At(0));

        Assert.Equal(1, WallCounts.Compute([order], At(41), startOfDay).ClosedToday);
        order.Reopen(At(50), "回访员", "问题复发");
        var reopened = WallCounts.Compute([order], At(51), startOfDay);
        Assert.Equal((0, 1), (reopened.ClosedToday, reopened.PendingSignOff));

        order.Dispatch(At(60), "指挥员", "U-CG-01");
        order.SignOff(At(61), "城管");
        order.ReportDone(At(70), "城管");
        order.VerifyOk(At(80), "核查");

        Assert.Equal(1, WallCounts.Compute([order], At(81), startOfDay).ClosedToday);
        Assert.Equal(new Ratio(1, 1), WorkOrderKpis.Compute([order], At(81)).ClosureRate);
        // Its dissatisfied rating stays a valid callback until it is rated again.
        Assert.Equal(new Ratio(0, 1), WorkOrderKpis.Compute([order], At(81)).Satisfaction);
        order.Evaluate(At(90), "市民", Satisfaction.Satisfied);
        Assert.Equal(new Ratio(1, 1), WorkOrderKpis.Compute([order], At(91)).Satisfaction);
    }

    [Fact]
    public void A_joint_order_is_handled_when_its_last_part_is_reported_and_on_time_only_if_that_is_in_time()
    {
        var onTime = OrderIn(WorkOrderState.Accepted, "J1");
        onTime.Dispatch(At(5), "指挥员", "U-CG-01", ["U-HB-01"]);
        onTime.SignOff(At(6), "城管");
        onTime.SignOff(At(6), "环保", "U-HB-01");
        onTime.ReportDone(At(30), "城管");
        onTime.ReportDone(At(60), "环保", null, "U-HB-01");

        var late = OrderIn(WorkOrderState.Accepted, "J2");
        late.Dispatch(At(5), "指挥员", "U-CG-01", ["U-HB-01"]);
        late.SignOff(At(6), "城管");
        late.SignOff(At(6), "环保", "U-HB-01");
        late.ReportDone(At(30), "城管"); // the lead is in time (06010: 4 working hours) …
        var nextDay = MondayNine.AddDays(1).AddHours(2);
        late.ReportDone(nextDay, "环保", null, "U-HB-01"); // … the assisting unit is not

        Assert.Equal((true, false), (onTime.HandledOnTime, late.HandledOnTime));
        Assert.Equal(new Ratio(1, 2), WorkOrderKpis.Compute([onTime, late], nextDay).OnTimeHandling);
    }

    [Fact]
    public void Sign_off_timeliness_is_the_leads_and_an_unsigned_order_past_its_limit_is_late()
    {
        var joint = OrderIn(WorkOrderState.Accepted, "J3");
        joint.Dispatch(At(5), "指挥员", "U-CG-01", ["U-HB-01"]);
        joint.SignOff(At(6), "环保", "U-HB-01"); // only the assisting unit signs
        var now = MondayNine.AddHours(3);

        Assert.Null(joint.SignedOffOnTime);
        Assert.Equal(new Ratio(0, 1), WorkOrderKpis.Compute([joint], now).OnTimeSignOff);
    }

    [Theory]
    [InlineData("2026-10-08T16:00:00+08:00", true)]  // signed 30 Sep 15:00, 2 working days: National Day (1–7 Oct) is skipped
    [InlineData("2026-10-09T16:00:00+08:00", false)] // the deadline is Friday 9 Oct 15:00
    public void Handling_on_time_skips_public_holidays(string handledAt, bool onTime)
    {
        var order = SignedAt("H1", new DateTimeOffset(2026, 9, 30, 15, 0, 0, China));
        var at = DateTimeOffset.Parse(handledAt, System.Globalization.CultureInfo.InvariantCulture);
        order.ReportDone(at, "城管");

        Assert.Equal(onTime, order.HandledOnTime);
        Assert.Equal(new Ratio(onTime ? 1 : 0, 1), WorkOrderKpis.Compute([order], at).OnTimeHandling);
    }

    [Theory]
    [InlineData("2026-10-12T09:45:00+08:00", true)]
    [InlineData("2026-10-12T11:00:00+08:00", false)] // the make-up Saturday (10 Oct) counts: the deadline is Monday 10:00, not Tuesday
    public void Handling_on_time_counts_make_up_working_days(string handledAt, bool onTime)
    {
        var order = SignedAt("M1", new DateTimeOffset(2026, 10, 9, 10, 0, 0, China));
        var at = DateTimeOffset.Parse(handledAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 10, 0, 0, China), order.SlaAt(at).Deadline);
        order.ReportDone(at, "城管");

        Assert.Equal(onTime, order.HandledOnTime);
    }

    /// <summary>A category with the catch-all 2-working-day handling limit, signed off at <paramref name="signed"/>.</summary>
    private static WorkOrder SignedAt(string id, DateTimeOffset signed)
    {
        var order = Order(id, at: signed.AddMinutes(-30), category: "09010");
        order.Accept(signed.AddMinutes(-20), "受理员");
        order.Dispatch(signed.AddMinutes(-10), "受理员", "U-CG-01");
        order.SignOff(signed, "城管");
        return order;
    }

    private static WorkOrder ClosedOn(string id, DateTimeOffset at)
    {
        var order = OrderIn(WorkOrderState.InProgress, id);
        order.ReportDone(at.AddMinutes(-1), "城管");
        order.VerifyOk(at, "核查");
        return order;
    }
}
