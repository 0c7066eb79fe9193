using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Situation;

/// <summary>One jurisdiction's sums and lists in the <see cref="OrderIndex"/>.</summary>
internal sealed class ScopeNode(JurisdictionLevel level)
{
    public int[] Counts { get; } = new int[WallCounts.Fields];

    public int[] Kpis { get; } = new int[WorkOrderKpis.Fields];

    public SortedSet<OrderKey>?[] Lists { get; } = new SortedSet<OrderKey>?[OrderLists.Count];

    /// <summary>A district answers for both levels (两级指挥); a street or anything below counts only what its street handles.</summary>
    private bool Answers(HandlingLevel order) => level == JurisdictionLevel.District || order == HandlingLevel.Street;

    public void Move(uint countsBefore, uint countsNow, uint kpisBefore, HandlingLevel levelBefore, uint kpisNow, HandlingLevel levelNow)
    {
        Tally.Add(Counts, countsBefore & ~countsNow, -1);
        Tally.Add(Counts, countsNow & ~countsBefore, 1);
        var before = Answers(levelBefore) ? kpisBefore : 0;
        var now = Answers(levelNow) ? kpisNow : 0;
        Tally.Add(Kpis, before & ~now, -1);
        Tally.Add(Kpis, now & ~before, 1);
    }

    public void MoveLists(OrderKey key, uint before, uint now)
    {
        for (var changed = before ^ now; changed != 0; changed &= changed - 1)
        {
            var list = System.Numerics.BitOperations.TrailingZeroCount(changed);
            if ((now & (1u << list)) != 0)
            {
                (Lists[list] ??= []).Add(key);
            }
            else
            {
                Lists[list]!.Remove(key);
            }
        }
    }
}
