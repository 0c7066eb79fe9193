using CommandCenter.Domain.Events;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Sla;

/// <summary>An order's limits are fixed into its report, so a replay under changed rules gives the same deadlines.</summary>
public sealed class FixedLimitsTests
{
    /// <summary>The default rules with the dispatch limit cut from 30 to 5 minutes (urgent stays 10).</summary>
    private static readonly SlaPolicy Stricter = new(
        TestData.Policy.Rules.Where(r => !(r.Stage == SlaStage.Dispatch && r.Category is null && r.Kind is null && r.Urgency is null))
            .Append(new SlaRule(SlaStage.Dispatch, TimeSpan.FromMinutes(5))),
        TestData.Policy.Calendar);

    [Fact]
    public void A_report_with_fixed_limits_keeps_its_deadline_when_the_rules_change()
    {
        var reported = new FeedEvent("FIX-1-report", "hotline", MondayNine, GridA1, new WorkOrderReported(Report("FIX-1")));
        var fixedEvent = TestData.Policy.WithLimitsFixed(reported);
        var limits = ((WorkOrderReported)fixedEvent.Payload).Report.Sla;

        var underOldRules = WorkOrder.Reported(((WorkOrderReported)fixedEvent.Payload).Report, TestData.Policy, MondayNine, "受理员");
        var replayedUnderNewRules = WorkOrder.Reported(((WorkOrderReported)fixedEvent.Payload).Report, Stricter, MondayNine, "受理员");
        var unfixedUnderNewRules = WorkOrder.Reported(((WorkOrderReported)reported.Payload).Report, Stricter, MondayNine, "受理员");

        Assert.Equal(new SlaLimits(TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), limits!.Handling, TimeSpan.FromMinutes(30), WallClock: false), limits);
        Assert.Equal(MondayNine.AddMinutes(30), underOldRules.SlaAt(MondayNine).Deadline);
        Assert.Equal(underOldRules.SlaAt(MondayNine.AddMinutes(20)), replayedUnderNewRules.SlaAt(MondayNine.AddMinutes(20)));
        Assert.Equal(MondayNine.AddMinutes(5), unfixedUnderNewRules.SlaAt(MondayNine).Deadline);
    }

    [Fact]
    public void Limits_already_fixed_are_not_replaced_and_other_events_pass_as_they_are()
    {
        var once = TestData.Policy.WithLimitsFixed(new FeedEvent("FIX-2-report", "hotline", MondayNine, GridA1,
            new WorkOrderReported(Report("FIX-2", Urgency.Urgent))));
        var acted = new FeedEvent("FIX-2-accept", "desk", MondayNine, GridA1, new WorkOrderActed(WorkOrderId.From("FIX-2"), WorkOrderAction.Accept, "受理员"));

        Assert.Same(once, Stricter.WithLimitsFixed(once));
        Assert.Same(acted, Stricter.WithLimitsFixed(acted));
        Assert.Equal((TimeSpan.FromMinutes(10), true), (((WorkOrderReported)once.Payload).Report.Sla!.Dispatch, ((WorkOrderReported)once.Payload).Report.Sla!.WallClock));
    }
}
