using CommandCenter.Domain.Situation;

namespace CommandCenter.Domain.WorkOrders;

/// <summary>
/// Automatic supervision (自动督办): an open order past its limit gets a yellow card; one past half as long again
/// (150 % of its limit used) gets a red card. A parked order's clock stands still, so it is not carded while parked.
/// Cards never step down.
/// </summary>
public static class AutoSupervision
{
    public const double RedFrom = 1.5;

    /// <summary>The card the order should now carry, when that is more than it carries; null otherwise.</summary>
    public static Supervision? Due(WorkOrderCard order)
    {
        if (!order.State.IsOpen() || order.Parked || double.IsNaN(order.FractionUsed))
        {
            return null;
        }

        var due = order.FractionUsed >= RedFrom ? Supervision.Red : order.FractionUsed > 1.0 ? Supervision.Yellow : Supervision.Normal;
        return due > order.Supervision ? due : null;
    }
}
