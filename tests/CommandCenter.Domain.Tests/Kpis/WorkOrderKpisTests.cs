using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Kpis;

public class WorkOrderKpisTests
{
    private static readonly DateTimeOffset Evening = MondayNine.AddHours(8);

    [Fact]
    public void Ratio_keeps_its_denominator_and_shows_a_dash_when_nothing_is_due()
    {
        Assert.Equal("—", new Ratio(0, 0).Percent);
        Assert.Null(new Ratio(0, 0).Value);
        Assert.Equal("97.5%", new Ratio(39, 40).Percent);
        Assert.Equal("97.5% (39/40)", new Ratio(39, 40).ToString());
    }

    [Fact]
    public void Closure_rate_is_closed_over_closed_plus_overdue_open_with_parked_and_voided_excluded()
    {
        var closed1 = OrderIn(WorkOrderState.Closed, "A");
        var closed2 = OrderIn(WorkOrderState.Evaluated, "B");
        var overdue = OrderIn(WorkOrderState.Dispatched, "C"); // sign-off limit 2 working hours, long gone by evening
        var parked = OrderIn(WorkOrderState.InProgress, "D");
        parked.Park(MondayNine.AddMinutes(10), "U", "等待");
        var fresh = Order("E", at: Evening.AddMinutes(-5)); // open but within its limit: not yet due
        var voided = OrderIn(WorkOrderState.Voided, "F");

        var kpis = WorkOrderKpis.Compute([closed1, closed2, overdue, parked, fresh, voided], Evening);

        Assert.Equal(new Ratio(2, 3), kpis.ClosureRate);
        Assert.Equal(new Ratio(2, 3), kpis.OnTimeClosure);
    }

    [Fact]
    public void On_time_closure_counts_only_normal_closures()
    {
        var onTime = OrderIn(WorkOrderState.Closed, "A");
        var late = Order("B", Urgency.Urgent);
        late.Accept(MondayNine.AddMinutes(30), "x");
        late.Dispatch(MondayNine.AddMinutes(30), "x", "U");
        late.SignOff(MondayNine.AddMinutes(31), "U");
        late.ReportDone(MondayNine.AddMinutes(40), "U");
        late.VerifyOk(MondayNine.AddMinutes(41), "x");

        var kpis = WorkOrderKpis.Compute([onTime, late], Evening);

        Assert.Equal(new Ratio(2, 2), kpis.ClosureRate);
        Assert.Equal(new Ratio(1, 2), kpis.OnTimeClosure);
    }

    [Fact]
    public void Rework_rate_is_reworked_over_due_to_close()
    {
        var plain = OrderIn(WorkOrderState.Closed, "A");
        var reworked = OrderIn(WorkOrderState.AwaitingVerification, "B");
        reworked.Rework(MondayNine.AddMinutes(10), "核查员", "未处理到位");
        reworked.ReportDone(MondayNine.AddMinutes(20), "U");
        reworked.VerifyOk(MondayNine.AddMinutes(21), "核查员");

        Assert.Equal(new Ratio(1, 2), WorkOrderKpis.Compute([plain, reworked], Evening).ReworkRate);
    }

    [Fact]
    public void Handling_and_postponement_rates_use_due_to_handle()
    {
        var handled = OrderIn(WorkOrderState.AwaitingVerification, "A");
        var postponed = OrderIn(WorkOrderState.InProgress, "B");
        postponed.Postpone(MondayNine.AddMinutes(10), "U", TimeSpan.FromHours(1), "值班长");
        postponed.ReportDone(MondayNine.AddMinutes(20), "U");
        var overdueInHandling = OrderIn(WorkOrderState.InProgress, "C"); // 4 h limit passed by evening
        var stillInTime = OrderIn(WorkOrderState.InProgress, "D");

        var kpis = WorkOrderKpis.Compute([handled, postponed, overdueInHandling], Evening);
        var early = WorkOrderKpis.Compute([stillInTime], MondayNine.AddHours(1));

        Assert.Equal(new Ratio(2, 3), kpis.OnTimeHandling);
        Assert.Equal(new Ratio(1, 3), kpis.PostponementRate);
        Assert.Equal(new Ratio(0, 0), early.OnTimeHandling);
    }

    [Fact]
    public void Dispatch_accuracy_is_dispatched_without_redispatch_over_dispatched()
    {
        var once = OrderIn(WorkOrderState.Dispatched, "A");
        var twice = OrderIn(WorkOrderState.Dispatched, "B");
        twice.Return(MondayNine.AddMinutes(10), "U", "非本单位");
        twice.AcceptReturn(MondayNine.AddMinutes(11), "x");
        twice.Dispatch(MondayNine.AddMinutes(11), "x", "U2");
        var returnRefused = OrderIn(WorkOrderState.Dispatched, "D");
        returnRefused.Return(MondayNine.AddMinutes(10), "U", "非本单位");
        returnRefused.RejectReturn(MondayNine.AddMinutes(11), "x", "属本单位职责");
        var never = OrderIn(WorkOrderState.Accepted, "C");

        // A return the center refused is no wrong dispatch: the order stayed with the unit it was sent to.
        Assert.Equal(new Ratio(2, 3), WorkOrderKpis.Compute([once, twice, returnRefused, never], MondayNine.AddMinutes(12)).DispatchAccuracy);
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public void Satisfaction_counts_basically_satisfied_only_when_asked(bool countBasically, int satisfied)
    {
        var orders = new[] { Satisfaction.VerySatisfied, Satisfaction.BasicallySatisfied, Satisfaction.Dissatisfied }
            .Select((s, i) =>
            {
                var o = OrderIn(WorkOrderState.Closed, $"S{i}");
                o.Evaluate(MondayNine.AddMinutes(30), "市民", s);
                return o;
            }).Append(OrderIn(WorkOrderState.Closed, "not-called-back"));

        Assert.Equal(new Ratio(satisfied, 3), WorkOrderKpis.Compute(orders, Evening, countBasically).Satisfaction);
    }

    [Fact]
    public void On_time_sign_off_is_signed_within_limit_over_signed()
    {
        var quick = OrderIn(WorkOrderState.InProgress, "A");
        var slow = OrderIn(WorkOrderState.Dispatched, "B");
        slow.SignOff(MondayNine.AddHours(5), "U"); // 2 working-hour limit

        Assert.Equal(new Ratio(1, 2), WorkOrderKpis.Compute([quick, slow], Evening).OnTimeSignOff);
    }

    [Fact]
    public void An_order_never_signed_past_its_sign_off_limit_counts_as_signed_late()
    {
        var quick = OrderIn(WorkOrderState.InProgress, "A");
        var waiting = OrderIn(WorkOrderState.Dispatched, "B"); // dispatched at 09:02, 2 working-hour limit, never signed
        var fresh = Order("C", at: Evening.AddMinutes(-10));
        fresh.Accept(Evening.AddMinutes(-9), "受理员");
        fresh.Dispatch(Evening.AddMinutes(-9), "派遣员", "U"); // within its limit: not yet due

        Assert.Equal(new Ratio(1, 1), WorkOrderKpis.Compute([quick, waiting, fresh], MondayNine.AddMinutes(30)).OnTimeSignOff);
        Assert.Equal(new Ratio(1, 2), WorkOrderKpis.Compute([quick, waiting, fresh], Evening).OnTimeSignOff);
    }

    [Fact]
    public void Accepted_today_counts_accepted_orders_but_not_voided_or_only_reported_ones()
    {
        var accepted = OrderIn(WorkOrderState.Accepted, "A");
        var dispatched = Order("B");
        dispatched.Accept(MondayNine.AddMinutes(1), "受理员");
        dispatched.Dispatch(MondayNine.AddMinutes(2), "派遣员", "U");
        var voided = OrderIn(WorkOrderState.Voided, "C");
        var reported = Order("D");

        var counts = WallCounts.Compute([accepted, dispatched, voided, reported], Evening, new DateTimeOffset(2026, 11, 23, 0, 0, 0, China));

        Assert.Equal((4, 2), (counts.TotalToday, counts.AcceptedToday));
        Assert.Equal(MondayNine.AddMinutes(1), dispatched.AcceptedAt);
    }

    [Fact]
    public void Wall_counts_fill_the_buckets()
    {
        var yesterdayClosed = Order("Y", at: MondayNine.AddDays(-1));
        yesterdayClosed.Accept(MondayNine.AddDays(-1).AddMinutes(1), "x");
        yesterdayClosed.Close(MondayNine.AddDays(-1).AddHours(1), "x", ClosureType.Special, "x");
        var orders = new[]
        {
            OrderIn(WorkOrderState.Accepted, "A"), OrderIn(WorkOrderState.Dispatched, "B"),
            OrderIn(WorkOrderState.InProgress, "C"), OrderIn(WorkOrderState.AwaitingVerification, "D"),
            OrderIn(WorkOrderState.Closed, "E"), OrderIn(WorkOrderState.Evaluated, "F"), yesterdayClosed,
        };
        orders[2].Supervise(MondayNine, "指挥长", Supervision.Red);
        orders[1].Supervise(MondayNine, "指挥长", Supervision.Yellow);

        var counts = WallCounts.Compute(orders, Evening, new DateTimeOffset(2026, 11, 23, 0, 0, 0, China));

        Assert.Equal(new WallCounts(TotalToday: 6, PendingSignOff: 2, InProgress: 2, ClosedToday: 2, Overdue: 4,
            SupervisedYellow: 1, SupervisedRed: 1, AcceptedToday: 6), counts);
    }
}
