using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Situation;

/// <summary>One telemetry item as the wall holds it: its latest value, where it is, and which source sent it.</summary>
public sealed record Placed<T>(T Value, JurisdictionCode Scope, string Source, DateTimeOffset At);

/// <summary>
/// Latest-wins telemetry (drones, crowd areas, camera states) keyed by id, placed in a jurisdiction and counted per
/// source: a source may hold at most <paramref name="perSource"/> items at once, so one platform sending endless new
/// ids cannot fill the wall's memory (its new ids are refused while it is at the cap; silent ones are pruned).
/// </summary>
public sealed class LatestBySource<T>(string what, int perSource)
{
    private readonly Dictionary<string, Placed<T>> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perSource = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public int PerSource => perSource;

    public IEnumerable<Placed<T>> Items => _items.Values;

    public int CountOf(string source) => _perSource.GetValueOrDefault(source);

    public ApplyOutcome Upsert(string id, T value, JurisdictionCode scope, string source, DateTimeOffset at)
    {
        if (_items.TryGetValue(id, out var current))
        {
            if (current.At >= at)
            {
                return ApplyOutcome.Stale;
            }

            Uncount(current.Source);
        }
        else if (CountOf(source) >= perSource)
        {
            return ApplyOutcome.Rejected($"source '{source}' already has {perSource} {what} on the wall; new ones are refused until some go quiet");
        }

        _items[id] = new Placed<T>(value, scope, source, at);
        _perSource[source] = CountOf(source) + 1;
        return ApplyOutcome.Applied;
    }

    public Placed<T>? Find(string id) => _items.GetValueOrDefault(id);

    /// <summary>Forgets items last heard of before <paramref name="before"/>; returns how many.</summary>
    public int PruneSilentSince(DateTimeOffset before)
    {
        var removed = 0;
        foreach (var (id, item) in _items.Where(i => i.Value.At < before).ToList())
        {
            _items.Remove(id);
            Uncount(item.Source);
            removed++;
        }

        return removed;
    }

    private void Uncount(string source)
    {
        if (_perSource.TryGetValue(source, out var n) && n <= 1)
        {
            _perSource.Remove(source);
        }
        else if (n > 1)
        {
            _perSource[source] = n - 1;
        }
    }
}
