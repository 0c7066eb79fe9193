using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Sla;

public class SlaClockTests
{
    [Theory]
    [InlineData(0.0, SlaLight.Green)]
    [InlineData(0.799, SlaLight.Green)]
    [InlineData(0.8, SlaLight.Yellow)]
    [InlineData(1.0, SlaLight.Yellow)]
    [InlineData(1.001, SlaLight.Red)]
    public void Traffic_light_thresholds(double fraction, SlaLight light) =>
        Assert.Equal(light, SlaLights.ForFractionUsed(fraction));

    [Fact]
    public void Urgent_dispatch_runs_on_the_wall_clock_ten_minutes()
    {
        var night = new DateTimeOffset(2026, 11, 23, 23, 0, 0, China);
        var order = Order(urgency: Urgency.Urgent, at: night);
        Assert.Equal(SlaLight.Green, order.SlaAt(night.AddMinutes(7)).Light);
        Assert.Equal(SlaLight.Yellow, order.SlaAt(night.AddMinutes(9)).Light);
        var late = order.SlaAt(night.AddMinutes(11));
        Assert.Equal((SlaStage.Dispatch, SlaLight.Red, night.AddMinutes(10)), (late.Stage, late.Light, late.Deadline));
    }

    [Fact]
    public void Normal_order_reported_at_night_does_not_age_until_office_hours()
    {
        var night = new DateTimeOffset(2026, 11, 23, 23, 0, 0, China);
        var order = Order(at: night);
        var nextMorning = new DateTimeOffset(2026, 11, 24, 8, 40, 0, China);
        var sla = order.SlaAt(nextMorning);
        Assert.Equal(TimeSpan.FromMinutes(10), sla.Elapsed);
        Assert.Equal(SlaLight.Green, sla.Light);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, China), sla.Deadline);
    }

    [Fact]
    public void Handling_limit_follows_the_category()
    {
        var garbage = OrderIn(WorkOrderState.InProgress); // 06010 exposed garbage: 4 working hours
        Assert.Equal(TimeSpan.FromHours(4), garbage.SlaAt(MondayNine.AddHours(1)).Limit);
        Assert.Equal(TimeSpan.FromHours(4), TestData.Policy.LimitFor(SlaStage.Handling,
            CategoryCode.From("06001"), WorkOrderKind.Report, Urgency.Normal));
        Assert.Equal(TimeSpan.FromHours(7.5 * 15), TestData.Policy.LimitFor(SlaStage.Handling,
            CategoryCode.From("06028"), WorkOrderKind.Complaint, Urgency.Normal));
    }

    [Fact]
    public void Most_specific_rule_wins()
    {
        var policy = new SlaPolicy(
        [
            new SlaRule(SlaStage.Dispatch, TimeSpan.FromMinutes(30)),
            new SlaRule(SlaStage.SignOff, TimeSpan.FromHours(2)),
            new SlaRule(SlaStage.Verification, TimeSpan.FromMinutes(30)),
            new SlaRule(SlaStage.Handling, TimeSpan.FromHours(8)),
            new SlaRule(SlaStage.Handling, TimeSpan.FromHours(1), CategoryCode.From("09012"), Urgency: Urgency.Urgent),
            new SlaRule(SlaStage.Handling, TimeSpan.FromHours(3), CategoryCode.From("09012")),
        ], WorkingCalendar.ChinaOfficeHours);
        var blocked = CategoryCode.From("09012");
        Assert.Equal(TimeSpan.FromHours(1), policy.LimitFor(SlaStage.Handling, blocked, WorkOrderKind.Report, Urgency.Urgent));
        Assert.Equal(TimeSpan.FromHours(3), policy.LimitFor(SlaStage.Handling, blocked, WorkOrderKind.Report, Urgency.Normal));
        Assert.Equal(TimeSpan.FromHours(8), policy.LimitFor(SlaStage.Handling, CategoryCode.From("06028"), WorkOrderKind.Report, Urgency.Normal));
    }

    [Fact]
    public void Policy_without_a_catch_all_for_a_stage_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SlaPolicy(
            [new SlaRule(SlaStage.Dispatch, TimeSpan.FromMinutes(30))], WorkingCalendar.ChinaOfficeHours));
        Assert.Contains("SignOff", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Park_stops_the_clock_and_resume_restarts_it()
    {
        var order = OrderIn(WorkOrderState.InProgress); // handling started 09:03
        var started = order.StageStartedAt;
        order.Park(started.AddHours(1), "城管中队", "等待产权单位");
        Assert.Equal(TimeSpan.FromHours(1), order.SlaAt(started.AddHours(2.5)).Elapsed);
        Assert.True(order.SlaAt(started.AddHours(2.5)).Paused);
        order.Resume(started.AddHours(2), "城管中队");
        Assert.Equal(TimeSpan.FromHours(1.5), order.SlaAt(started.AddHours(2.5)).Elapsed);
    }

    [Fact]
    public void Postpone_extends_the_handling_limit()
    {
        var order = OrderIn(WorkOrderState.InProgress);
        var at = order.StageStartedAt.AddHours(1);
        order.Postpone(at, "城管中队", TimeSpan.FromHours(2), "值班长张伟");
        Assert.Equal(TimeSpan.FromHours(6), order.SlaAt(at).Limit);
        Assert.Equal(1, order.PostponeCount);
    }

    [Fact]
    public void Late_stage_marks_the_order_overdue_and_closes_it_as_overdue()
    {
        var order = Order(urgency: Urgency.Urgent);
        var t = MondayNine.AddMinutes(20); // dispatch limit 10 min
        order.Accept(t, "受理员");
        order.Dispatch(t, "受理员", "U-1");
        order.SignOff(t.AddMinutes(5), "U-1");
        order.ReportDone(t.AddMinutes(30), "U-1");
        order.VerifyOk(t.AddMinutes(40), "核查员");
        Assert.True(order.EverOverdue);
        Assert.Equal(ClosureType.Overdue, order.Closure);
        Assert.Equal(true, order.SignedOffOnTime);
        Assert.Equal(SlaLight.None, order.SlaAt(t.AddHours(1)).Light);
    }
}
