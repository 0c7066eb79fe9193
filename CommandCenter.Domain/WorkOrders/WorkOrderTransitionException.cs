namespace CommandCenter.Domain.WorkOrders;

/// <summary>An action the state machine refuses, with a message naming the order, the action and why.</summary>
public sealed class WorkOrderTransitionException(WorkOrderId id, WorkOrderAction action, string reason)
    : InvalidOperationException($"work order {id}: cannot {action}: {reason}")
{
    public WorkOrderId WorkOrderId { get; } = id;

    public WorkOrderAction Action { get; } = action;
}
