namespace CommandCenter.Domain.Situation;

/// <summary>
/// An open order as a list reader sees it: its id, its index stamp (the same while nothing about it changed), and its card
/// when the reader asked for it (null where the reader already holds the order at this stamp).
/// </summary>
public readonly record struct ListedOrder(string Id, long Stamp, WorkOrderCard? Card);
