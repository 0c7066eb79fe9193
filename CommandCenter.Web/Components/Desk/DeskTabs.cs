using CommandCenter.Domain.Sla;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Web.Components.Desk;

/// <summary>The desk's queues: which open orders each tab holds.</summary>
public static class DeskTabs
{
    public static readonly (string Id, string Label, Func<WorkOrderCard, bool> Holds)[] All =
    [
        ("new", "新上报", c => c.State == WorkOrderState.Reported),
        ("pending", "待签收", c => c.State is WorkOrderState.Accepted or WorkOrderState.Dispatched),
        ("in-progress", "处理中", c => c.State == WorkOrderState.InProgress),
        ("verify", "待核查", c => c.State == WorkOrderState.AwaitingVerification),
        ("review", "待审核", c => c.State is WorkOrderState.ReturnRequested or WorkOrderState.Escalated),
        ("overdue", "超期", c => c.Light == SlaLight.Red),
        ("supervised", "督办", c => c.Supervision != Supervision.Normal),
        (Evaluate, "待评价", c => c.State == WorkOrderState.Closed),
        (Tasks, "网格任务", _ => false),
    ];

    /// <summary>The tab of grid members' tasks (核查, 走访): tasks, not orders.</summary>
    public const string Tasks = "tasks";

    /// <summary>The tab of closed orders awaiting evaluation (not open, so listed apart).</summary>
    public const string Evaluate = "evaluate";

    public static Func<WorkOrderCard, bool> Holds(string tab) => All.FirstOrDefault(t => t.Id == tab).Holds ?? All[0].Holds;
}
