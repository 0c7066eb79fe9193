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

    public static WallCounts Compute(IEnumerable<WorkOrder> orders, DateTimeOffset now, DateTimeOffset startOfDay)
    {
        int total = 0, pending = 0, inProgress = 0, closed = 0, overdue = 0, yellow = 0, red = 0, accepted = 0;
        foreach (var o in orders)
        {
            total += o.ReportedAt >= startOfDay ? 1 : 0;
            accepted += o.AcceptedAt >= startOfDay ? 1 : 0;
            switch (o.Bucket)
            {
                case WallBucket.PendingSignOff: pending++; break;
                case WallBucket.InProgress: inProgress++; break;
                case WallBucket.Closed when o.ClosedAt >= startOfDay: closed++; break;
            }

            if (o.IsOpen)
            {
                overdue += !o.IsParked && o.SlaAt(now).IsOverdue ? 1 : 0;
                yellow += o.Supervision == Supervision.Yellow ? 1 : 0;
                red += o.Supervision == Supervision.Red ? 1 : 0;
            }
        }

        return new WallCounts(total, pending, inProgress, closed, overdue, yellow, red, accepted);
    }
}
