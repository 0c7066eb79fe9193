using CommandCenter.Domain.Sla;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Web.Components.Desk;

/// <summary>The desk's queues: which open orders each tab holds.</summary>
public static class DeskTabs
{
    public static readonly (string Id, string Label, OrderList? List)[] All =
    [
        ("new", "新上报", OrderList.New),
        ("pending", "待签收", OrderList.AwaitingSignOff),
        ("in-progress", "处理中", OrderList.Handling),
        ("verify", "待核查", OrderList.Verifying),
        ("review", "待审核", OrderList.InReview),
        ("overdue", "超期", OrderList.Overdue),
        ("supervised", "督办", OrderList.Supervised),
        (Evaluate, "待评价", null),
        (Tasks, "网格任务", null),
    ];

    /// <summary>The tab of grid members' tasks (核查, 走访): tasks, not orders.</summary>
    public const string Tasks = "tasks";

    /// <summary>The tab of closed orders awaiting evaluation (not open, so listed apart).</summary>
    public const string Evaluate = "evaluate";

    /// <summary>Orders a tab lists at first, and how many more each 显示更多 adds, up to <see cref="MaxShown"/>.</summary>
    public const int PageSize = 100, MaxShown = 1000;

    /// <summary>The list of open orders a tab shows; null for the tabs that are not one.</summary>
    public static OrderList? ListOf(string tab) => All.FirstOrDefault(t => t.Id == tab).List;

    /// <summary>Whether a card is in a list, for a queue given only a snapshot's cards (the index decides for the live desk).</summary>
    public static bool Holds(OrderList list, WorkOrderCard c) => list switch
    {
        OrderList.New => c.State == WorkOrderState.Reported,
        OrderList.AwaitingSignOff => c.State is WorkOrderState.Accepted or WorkOrderState.Dispatched,
        OrderList.Handling => c.State == WorkOrderState.InProgress,
        OrderList.Verifying => c.State == WorkOrderState.AwaitingVerification,
        OrderList.InReview => c.State is WorkOrderState.ReturnRequested or WorkOrderState.Escalated,
        OrderList.Overdue => c.Light == SlaLight.Red,
        _ => c.Supervision != Supervision.Normal,
    };
}
