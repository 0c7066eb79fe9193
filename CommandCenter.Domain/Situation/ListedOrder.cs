namespace CommandCenter.Domain.Situation;

/// <summary>
/// An open order as a list reader sees it: its id, its index stamp (the same while nothing about it changed), and its card
/// when the reader asked for it (null where the reader already holds the order at this stamp).
/// </summary>
public readonly record struct ListedOrder(string Id, long Stamp, WorkOrderCard? Card);

/// <summary>
/// A reader's list of open orders brought up to the index's <paramref name="Stamp"/>: when <paramref name="Whole"/>, the
/// first page itself (the reader's list becomes it); else only the orders changed since the reader's stamp that are still
/// listed (<paramref name="Listed"/>, with cards) and those no longer listed (<paramref name="Gone"/>: closed, moved out of
/// the lists, or pruned; ids the reader may never have held). <paramref name="Complete"/> when the list holds every open
/// order of the scope, not a first page. <paramref name="Capped"/>: changes to a first page, which the reader applies to the
/// orders it holds only (a new order waits for its next whole page, since it may push another off the page).
/// </summary>
public sealed record OrderListing(long Stamp, bool Whole, IReadOnlyList<ListedOrder> Listed, IReadOnlyList<string> Gone, bool Complete,
    bool Capped = false);
