namespace CommandCenter.Domain.Situation;

/// <summary>
/// A bounded memory of the last N event identities (source and id: ids are unique per source only), for idempotent
/// apply under at-least-once delivery. Kept as pairs, so remembering an event allocates no string.
/// </summary>
internal sealed class RecentIds(int capacity)
{
    private readonly HashSet<(string Source, string Id)> _set = [];
    private readonly Queue<(string Source, string Id)> _order = new();

    /// <summary>Remembers the event; false when it was already seen.</summary>
    public bool Add(string source, string id)
    {
        if (!_set.Add((source, id)))
        {
            return false;
        }

        _order.Enqueue((source, id));
        if (_order.Count > capacity)
        {
            _set.Remove(_order.Dequeue());
        }

        return true;
    }
}
