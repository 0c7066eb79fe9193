using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Kpis;

/// <summary>
/// The counts on a wall: orders reported today (今日上报, <see cref="TotalToday"/>), 待签收, 处理中, closed today (已办结),
/// overdue (超期, parked excluded), supervised (督办) yellow and red, and orders taken in today (今日受理: accepted today;
/// voided ones never are).
/// </summary>
public sealed record WallCounts(int TotalToday, int PendingSignOff, int InProgress, int ClosedToday, int Overdue,
    int SupervisedYellow, int SupervisedRed, int AcceptedToday = 0)
{
    public static WallCounts Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>How many counters a wall's counts are made of (the bits of <see cref="Flags"/>).</summary>
    public const int Fields = 8;

    private const int Total = 0, Pending = 1, InProgressBit = 2, Closed = 3, OverdueBit = 4, Yellow = 5, Red = 6, Accepted = 7;

    public static WallCounts Compute(IEnumerable<WorkOrder> orders, DateTimeOffset now, DateTimeOffset startOfDay)
    {
        Span<int> tally = stackalloc int[Fields];
        foreach (var o in orders)
        {
            Tally.Add(tally, Flags(o, o.IsOpen && !o.IsParked && o.SlaAt(now).IsOverdue, startOfDay), 1);
        }

        return FromTally(tally);
    }

    /// <summary>What one order adds to the counts of a day that began at <paramref name="startOfDay"/>.</summary>
    public static uint Flags(WorkOrder order, bool overdueNow, DateTimeOffset startOfDay)
    {
        ArgumentNullException.ThrowIfNull(order);
        var flags = 0u;
        flags |= order.ReportedAt >= startOfDay ? 1u << Total : 0;
        flags |= order.AcceptedAt >= startOfDay ? 1u << Accepted : 0;
        flags |= order.Bucket switch
        {
            WallBucket.PendingSignOff => 1u << Pending,
            WallBucket.InProgress => 1u << InProgressBit,
            WallBucket.Closed when order.ClosedAt >= startOfDay => 1u << Closed,
            _ => 0,
        };
        if (order.IsOpen)
        {
            flags |= overdueNow && !order.IsParked ? 1u << OverdueBit : 0;
            flags |= order.Supervision == Supervision.Yellow ? 1u << Yellow : 0;
            flags |= order.Supervision == Supervision.Red ? 1u << Red : 0;
        }

        return flags;
    }

    /// <summary>The counts from summed <see cref="Flags"/>.</summary>
    public static WallCounts FromTally(ReadOnlySpan<int> t) =>
        new(t[Total], t[Pending], t[InProgressBit], t[Closed], t[OverdueBit], t[Yellow], t[Red], t[Accepted]);
}
