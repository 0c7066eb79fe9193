using System.Collections.Immutable;

namespace CommandCenter.Domain.Situation;

/// <summary>One page of a list of orders: the cards, how many the list holds in all, and the cursor of the next page (null at the end).</summary>
public sealed record OrderPage(ImmutableArray<WorkOrderCard> Orders, int Total, string? Next);
