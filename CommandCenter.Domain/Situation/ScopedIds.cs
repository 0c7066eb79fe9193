using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Situation;

/// <summary>
/// Ids filed under the jurisdiction that holds each and under every ancestor of it, in id order: a scope's first N and its
/// count cost what is read, not the size of a city's whole inventory (100,000 registered cameras).
/// </summary>
internal sealed class ScopedIds
{
    private readonly Dictionary<JurisdictionCode, SortedSet<string>> _under = [];

    /// <summary>Files <paramref name="id"/> under <paramref name="to"/> (and takes it from <paramref name="from"/>, where it was).</summary>
    public void Move(string id, JurisdictionCode? from, JurisdictionCode to)
    {
        if (from == to)
        {
            return;
        }

        if (from is { } old)
        {
            foreach (var scope in SelfAndAncestors(old))
            {
                _under[scope].Remove(id);
            }
        }

        foreach (var scope in SelfAndAncestors(to))
        {
            if (!_under.TryGetValue(scope, out var ids))
            {
                _under[scope] = ids = new SortedSet<string>(StringComparer.Ordinal);
            }

            ids.Add(id);
        }
    }

    /// <summary>How many ids lie in <paramref name="scope"/> or below it.</summary>
    public int CountIn(JurisdictionCode scope) => _under.TryGetValue(scope, out var ids) ? ids.Count : 0;

    /// <summary>The ids in <paramref name="scope"/> or below it, in ordinal order.</summary>
    public IEnumerable<string> In(JurisdictionCode scope) => _under.TryGetValue(scope, out var ids) ? ids : [];

    private static IEnumerable<JurisdictionCode> SelfAndAncestors(JurisdictionCode code)
    {
        for (var level = JurisdictionLevel.Province; level <= code.Level; level++)
        {
            if (code.AncestorAt(level) is { } ancestor)
            {
                yield return ancestor;
            }
        }
    }
}
