using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Tests.WorkOrders;

public sealed class AutoSupervisionTests
{
    [Theory]
    [InlineData(0.5, Supervision.Normal, false, null)]
    [InlineData(1.0, Supervision.Normal, false, null)]
    [InlineData(1.01, Supervision.Normal, false, Supervision.Yellow)]
    [InlineData(1.33, Supervision.Normal, false, Supervision.Yellow)]
    [InlineData(1.33, Supervision.Yellow, false, null)]
    [InlineData(1.5, Supervision.Yellow, false, Supervision.Red)]
    [InlineData(2.0, Supervision.Normal, false, Supervision.Red)]
    [InlineData(2.0, Supervision.Red, false, null)]
    [InlineData(2.0, Supervision.Normal, true, null)]
    public void Past_the_limit_is_yellow_past_half_again_is_red_never_stepping_down(double used, Supervision carries, bool parked, Supervision? due)
    {
        var card = new WorkOrderCard(WorkOrderId.From("W1"), JurisdictionCode.From("320505001"), "t", "c", WorkOrderKind.Report,
            WorkOrderSource.GridPatrol, Urgency.Normal, WorkOrderState.Dispatched, carries, SlaLights.ForFractionUsed(used), used, null,
            DateTimeOffset.UnixEpoch, "s", "c", null, parked, 0, CategoryCode.From("06010"));

        Assert.Equal(due, AutoSupervision.Due(card));
    }
}
