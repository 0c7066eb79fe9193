using System.Numerics;

namespace CommandCenter.Domain.Kpis;

/// <summary>
/// Counters summed from per-order flags: an order contributes one to each counter whose bit it sets. Counts and KPIs are
/// sums of this kind, so a live index can add an order's flags when it changes and take back the ones it had before.
/// </summary>
public static class Tally
{
    /// <summary>Adds (<paramref name="sign"/> = 1) or takes back (-1) one order's flags.</summary>
    public static void Add(Span<int> counters, uint flags, int sign)
    {
        while (flags != 0)
        {
            var bit = BitOperations.TrailingZeroCount(flags);
            counters[bit] += sign;
            flags &= flags - 1;
        }
    }
}
