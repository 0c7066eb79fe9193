namespace CommandCenter.Domain.WorkOrders;

/// <summary>One step on a work order's timeline (流转记录): who did what, when, from which state to which.</summary>
public sealed record TimelineEntry(
    DateTimeOffset At,
    string Actor,
    WorkOrderAction Action,
    WorkOrderState From,
    WorkOrderState To,
    string? Note);
