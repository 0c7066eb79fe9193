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
    public static Supervision? Due(WorkOrderCard order) => Due(order.State, order.Parked, order.FractionUsed, order.Supervision);

    /// <summary>The same, from the order's facts (no card needed).</summary>
    public static Supervision? Due(WorkOrderState state, bool parked, double fractionUsed, Supervision carried)
    {
        if (!state.IsOpen() || parked || double.IsNaN(fractionUsed))
        {
            return null;
        }

        var due = fractionUsed >= RedFrom ? Supervision.Red : fractionUsed > 1.0 ? Supervision.Yellow : Supervision.Normal;
        return due > carried ? due : null;
    }
}
