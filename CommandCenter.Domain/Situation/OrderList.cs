using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Situation;

/// <summary>
/// The lists of open orders a desk works from and a wall shows, each newest first. The first five split the open orders
/// by state (every open order is in exactly one of them); <see cref="Overdue"/> and <see cref="Supervised"/> cut across.
/// </summary>
public enum OrderList
{
    /// <summary>新上报: reported, not yet taken in.</summary>
    New = 0,

    /// <summary>待签收: taken in or dispatched, waiting for the unit to sign off.</summary>
    AwaitingSignOff,

    /// <summary>处理中: signed off, being handled.</summary>
    Handling,

    /// <summary>待核查: reported done, waiting for the center to verify.</summary>
    Verifying,

    /// <summary>待审核: a return or an escalation waiting for the center's decision.</summary>
    InReview,

    /// <summary>超期: its running stage is past its limit (red light, parked ones included).</summary>
    Overdue,

    /// <summary>督办: under a yellow or red supervision card.</summary>
    Supervised,
}

public static class OrderLists
{
    public const int Count = 7;

    /// <summary>Every open order is in exactly one of these.</summary>
    public static IReadOnlyList<OrderList> ByState { get; } =
        [OrderList.New, OrderList.AwaitingSignOff, OrderList.Handling, OrderList.Verifying, OrderList.InReview];

    /// <summary>The lists an order is in at an instant when its light is red (<paramref name="overdueNow"/>) or not.</summary>
    public static uint Of(WorkOrder order, bool overdueNow)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!order.IsOpen)
        {
            return 0;
        }

        var byState = order.State switch
        {
            WorkOrderState.Reported => OrderList.New,
            WorkOrderState.Accepted or WorkOrderState.Dispatched => OrderList.AwaitingSignOff,
            WorkOrderState.InProgress => OrderList.Handling,
            WorkOrderState.AwaitingVerification => OrderList.Verifying,
            _ => OrderList.InReview,
        };
        var flags = Bit(byState);
        flags |= overdueNow ? Bit(OrderList.Overdue) : 0;
        flags |= order.Supervision != Supervision.Normal ? Bit(OrderList.Supervised) : 0;
        return flags;
    }

    public static uint Bit(OrderList list) => 1u << (int)list;
}
