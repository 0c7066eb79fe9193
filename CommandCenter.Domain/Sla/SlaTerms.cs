using CommandCenter.Domain.Categories;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Sla;

/// <summary>
/// The limits that apply to one work order, and how its time is counted: those fixed into its report when it has them,
/// else the policy's rules for its category, kind and urgency.
/// </summary>
public sealed class SlaTerms(SlaPolicy policy, CategoryCode category, WorkOrderKind kind, Urgency urgency, SlaLimits? fixedLimits = null)
{
    /// <summary>Urgent orders run on wall-clock time; normal ones on the working calendar.</summary>
    public bool WallClock => fixedLimits?.WallClock ?? urgency == Urgency.Urgent;

    /// <summary>The end of <paramref name="day"/> on the calendar's clock (a whole-day deadline such as 整改期限).</summary>
    public DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), policy.Calendar.UtcOffset);

    public TimeSpan LimitOf(SlaStage stage) => fixedLimits?.LimitOf(stage) ?? policy.LimitFor(stage, category, kind, urgency);

    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to) =>
        WallClock ? (to > from ? to - from : TimeSpan.Zero) : policy.Calendar.WorkingTimeBetween(from, to);

    public DateTimeOffset DeadlineFrom(DateTimeOffset start, TimeSpan limit) =>
        WallClock ? start + limit : policy.Calendar.AddWorkingTime(start, limit);
}
