using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.WorkOrders;

/// <summary>What the center reviews: a unit's return (退单), a street's escalation (两级指挥), a dissatisfied rating (重办).</summary>
public sealed class CenterReviewTests
{
    private static DateTimeOffset At(int minutes) => MondayNine.AddMinutes(minutes);

    [Theory]
    [InlineData(WorkOrderState.Dispatched)]
    [InlineData(WorkOrderState.InProgress)]
    public void A_refused_return_sends_the_order_back_as_it_was_with_its_clock_running(WorkOrderState from)
    {
        var order = OrderIn(from);
        var stage = (order.Stage, order.StageStartedAt);
        order.Return(At(10), "城管中队", "非本单位职责");
        Assert.Equal(WorkOrderState.ReturnRequested, order.State);
        Assert.Equal(WorkOrderAction.Return, order.Timeline[^1].Action);

        order.RejectReturn(At(12), "指挥员", "属城管职责，请继续处置");

        Assert.Equal(from, order.State);
        Assert.Equal(stage, (order.Stage, order.StageStartedAt));
        Assert.Equal(("U-CG-01", 0), (order.UnitId, order.ReturnCount));
    }

    [Fact]
    public void An_accepted_return_counts_and_waits_for_a_new_dispatch()
    {
        var order = OrderIn(WorkOrderState.InProgress);
        order.Return(At(10), "城管中队", "非本单位职责");
        order.AcceptReturn(At(12), "指挥员", "改派住建");

        Assert.Equal((WorkOrderState.Accepted, (string?)null, 1), (order.State, order.UnitId, order.ReturnCount));
        Assert.Equal((SlaStage.Dispatch, At(12)), (order.Stage, order.StageStartedAt));
    }

    [Fact]
    public void A_parked_order_or_one_whose_lead_has_reported_is_not_returned()
    {
        var parked = OrderIn(WorkOrderState.InProgress);
        parked.Park(At(10), "城管中队", "等待产权单位");
        Assert.Throws<WorkOrderTransitionException>(() => parked.Return(At(11), "城管中队", "非本单位职责"));

        var reported = OrderIn(WorkOrderState.Accepted);
        reported.Dispatch(At(10), "指挥员", "U-CG-01", ["U-HB-01"]);
        reported.SignOff(At(11), "城管中队");
        reported.ReportDone(At(12), "城管中队");
        var ex = Assert.Throws<WorkOrderTransitionException>(() => reported.Return(At(13), "城管中队", "非本单位职责"));
        Assert.Contains("its lead unit has reported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_street_escalates_and_the_district_dispatches_keeping_the_order_at_district_level()
    {
        var order = OrderIn(WorkOrderState.Accepted);
        Assert.Equal(HandlingLevel.Street, order.Level);

        order.Escalate(At(10), "街道受理员", "涉及区级部门，街道无法协调");
        Assert.Equal((WorkOrderState.Escalated, HandlingLevel.District), (order.State, order.Level));
        Assert.Equal((SlaStage.Dispatch, At(10)), (order.Stage, order.StageStartedAt));

        order.Dispatch(At(15), "区指挥员", "U-ZJ-01", ["U-CG-01"]);
        Assert.Equal((WorkOrderState.Dispatched, HandlingLevel.District), (order.State, order.Level));
        var twice = Assert.Throws<WorkOrderTransitionException>(() => order.Escalate(At(16), "街道受理员", "再上报"));
        Assert.Contains("it is Dispatched", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_district_sends_an_escalated_order_back_with_instructions()
    {
        var order = OrderIn(WorkOrderState.Escalated);
        var blank = Assert.Throws<WorkOrderTransitionException>(() => order.SendBack(At(10), "区指挥员", " "));
        Assert.Contains("instructions is required", blank.Message, StringComparison.Ordinal);

        order.SendBack(At(10), "区指挥员", "属街道职责，由街道城管中队处置");

        Assert.Equal((WorkOrderState.Accepted, HandlingLevel.Street), (order.State, order.Level));
        Assert.Equal("属街道职责，由街道城管中队处置", order.Timeline[^1].Note);
    }

    [Fact]
    public void An_order_reported_to_the_district_itself_is_handled_there_and_is_not_escalated()
    {
        var order = Order(scope: District);
        order.Accept(At(1), "区受理员");
        Assert.Equal(HandlingLevel.District, order.Level);
        Assert.DoesNotContain(WorkOrderAction.Escalate, WorkOrderRules.Allowed(order.Standing));
        Assert.Throws<WorkOrderTransitionException>(() => order.Escalate(At(2), "区受理员", "x"));
    }

    [Fact]
    public void A_dissatisfied_rating_reopens_the_order_with_its_history_and_it_leaves_the_closed_bucket()
    {
        var order = OrderIn(WorkOrderState.Closed);
        order.Evaluate(At(20), "市民", Satisfaction.Dissatisfied);
        var history = order.Timeline.Count;

        order.Reopen(At(21), "回访员", "市民反映垃圾仍未清运");

        Assert.Equal((WorkOrderState.Accepted, WallBucket.PendingSignOff, 1), (order.State, order.Bucket, order.ReopenCount));
        Assert.Null(order.ClosedAt);
        Assert.Null(order.Closure);
        Assert.Equal(history + 1, order.Timeline.Count);
        Assert.True(order.IsOpen);
    }

    [Theory]
    [InlineData(Satisfaction.Satisfied)]
    [InlineData(Satisfaction.BasicallySatisfied)]
    public void Only_a_dissatisfied_rating_reopens(Satisfaction rating)
    {
        var order = OrderIn(WorkOrderState.Closed);
        order.Evaluate(At(20), "市民", rating);
        var ex = Assert.Throws<WorkOrderTransitionException>(() => order.Reopen(At(21), "回访员", "x"));
        Assert.Contains("follows a dissatisfied rating", ex.Message, StringComparison.Ordinal);
    }
}
