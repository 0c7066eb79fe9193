using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.WorkOrders;

/// <summary>联动: a lead unit and assisting units, each signing and reporting its own part.</summary>
public sealed class JointHandlingTests
{
    private static DateTimeOffset At(int minutes) => MondayNine.AddMinutes(minutes);

    private static WorkOrder Joint()
    {
        var order = OrderIn(WorkOrderState.Accepted);
        order.Dispatch(At(5), "指挥员", "U-CG-01", ["U-HB-01", "U-GA-01"]);
        return order;
    }

    [Fact]
    public void A_dispatch_gives_the_lead_and_each_assisting_unit_a_part()
    {
        var order = Joint();

        Assert.Equal(["U-CG-01", "U-HB-01", "U-GA-01"], order.Parts.Select(p => p.UnitId));
        Assert.Equal([UnitRole.Lead, UnitRole.Assisting, UnitRole.Assisting], order.Parts.Select(p => p.Role));
        Assert.Equal(("U-CG-01", WorkOrderState.Dispatched), (order.UnitId, order.State));
        Assert.True(order.Standing.AssistingOpen);
    }

    [Fact]
    public void The_order_waits_for_verification_until_the_lead_and_every_assisting_unit_have_reported()
    {
        var order = Joint();
        order.SignOff(At(6), "环保", "U-HB-01");
        Assert.Equal(WorkOrderState.Dispatched, order.State); // an assisting unit's sign-off is its part only
        order.SignOff(At(7), "城管");
        order.SignOff(At(8), "公安", "U-GA-01");
        order.ReportDone(At(20), "城管", "已清理");

        Assert.Equal(WorkOrderState.InProgress, order.State);
        Assert.True(order.LeadReported);
        Assert.Equal(["U-HB-01", "U-GA-01"], order.OpenAssisting);
        var again = Assert.Throws<WorkOrderTransitionException>(() => order.ReportDone(At(21), "城管"));
        Assert.Contains("waiting for U-HB-01, U-GA-01", again.Message, StringComparison.Ordinal);

        order.ReportDone(At(30), "环保", "已监测", "U-HB-01");
        Assert.Equal(WorkOrderState.InProgress, order.State);
        order.ReportDone(At(40), "公安", null, "U-GA-01");

        Assert.Equal(WorkOrderState.AwaitingVerification, order.State);
        Assert.Equal(At(40), order.Timeline[^1].At);
        Assert.All(order.Parts, p => Assert.NotNull(p.ReportedAt));
        Assert.True(order.HandledOnTime);
    }

    [Fact]
    public void Releasing_the_last_open_assisting_unit_sends_a_reported_order_to_verification()
    {
        var order = Joint();
        order.SignOff(At(6), "城管");
        order.SignOff(At(7), "环保", "U-HB-01");
        order.ReportDone(At(8), "环保", null, "U-HB-01");
        order.ReportDone(At(9), "城管");

        order.Release(At(10), "指挥员", "U-GA-01", "公安无需到场");

        Assert.Equal(WorkOrderState.AwaitingVerification, order.State);
        Assert.Equal(At(10), order.Parts.Single(p => p.UnitId == "U-GA-01").ReleasedAt);
        Assert.Contains(order.Timeline, e => e.Action == WorkOrderAction.Release && e.Note == "U-GA-01: 公安无需到场");
    }

    [Fact]
    public void An_assisting_unit_reports_only_after_signing_and_only_once()
    {
        var order = Joint();
        var unsigned = Assert.Throws<WorkOrderTransitionException>(() => order.ReportDone(At(6), "环保", null, "U-HB-01"));
        Assert.Contains("U-HB-01 has not signed yet", unsigned.Message, StringComparison.Ordinal);

        order.SignOff(At(7), "环保", "U-HB-01");
        Assert.Throws<WorkOrderTransitionException>(() => order.SignOff(At(8), "环保", "U-HB-01"));
        order.ReportDone(At(9), "环保", null, "U-HB-01");
        var twice = Assert.Throws<WorkOrderTransitionException>(() => order.ReportDone(At(10), "环保", null, "U-HB-01"));
        Assert.Contains("U-HB-01 has reported already", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_not_on_the_order_is_refused_by_name()
    {
        var order = Joint();
        var ex = Assert.Throws<WorkOrderTransitionException>(() => order.SignOff(At(6), "住建", "U-ZJ-01"));
        Assert.Contains("U-ZJ-01 is not one of its units", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("U-CG-01", "cannot lead and assist at once")]
    [InlineData(" ", "an assisting unit is blank")]
    public void A_dispatch_with_a_wrong_assisting_list_is_refused(string helper, string problem)
    {
        var order = OrderIn(WorkOrderState.Accepted);
        var ex = Assert.Throws<WorkOrderTransitionException>(() => order.Dispatch(At(5), "指挥员", "U-CG-01", [helper]));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(WorkOrderState.Accepted, order.State);
    }

    [Fact]
    public void Rework_goes_back_to_the_lead_and_keeps_the_assisting_parts_done()
    {
        var order = Joint();
        order.SignOff(At(6), "城管");
        order.Release(At(7), "指挥员", "U-GA-01", "无需");
        order.SignOff(At(8), "环保", "U-HB-01");
        order.ReportDone(At(9), "环保", null, "U-HB-01");
        order.ReportDone(At(10), "城管");
        order.Rework(At(11), "核查员", "仍有垃圾");

        Assert.False(order.LeadReported);
        Assert.False(order.Standing.AssistingOpen);
        order.ReportDone(At(20), "城管");
        Assert.Equal(WorkOrderState.AwaitingVerification, order.State);
    }

    [Fact]
    public void A_redispatch_after_an_accepted_return_starts_a_new_round_of_parts()
    {
        var order = Joint();
        order.Return(At(6), "城管", "非本单位职责");
        order.AcceptReturn(At(7), "指挥员");
        Assert.Empty(order.Parts);
        order.Dispatch(At(8), "指挥员", "U-ZJ-01");

        Assert.Equal(["U-ZJ-01"], order.Parts.Select(p => p.UnitId));
        Assert.Equal(2, order.DispatchCount);
    }
}
