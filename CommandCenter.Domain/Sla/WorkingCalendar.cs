namespace CommandCenter.Domain.Sla;

/// <summary>
/// Office hours for deadlines counted in working time (工作时): periods of each working day in local time,
/// weekends and public holidays off, make-up working days (调休) on.
/// </summary>
public sealed class WorkingCalendar
{
    public WorkingCalendar(
        TimeSpan utcOffset,
        IReadOnlyList<(TimeOnly Start, TimeOnly End)> periods,
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? makeUpWorkdays = null)
    {
        if (periods.Count == 0 || periods.Any(p => p.End <= p.Start))
        {
            throw new ArgumentException("working periods must be non-empty and each end after it starts", nameof(periods));
        }

        UtcOffset = utcOffset;
        Periods = [.. periods.OrderBy(p => p.Start)];
        Holidays = [.. holidays ?? []];
        MakeUpWorkdays = [.. makeUpWorkdays ?? []];
        WorkingDayLength = TimeSpan.FromTicks(Periods.Sum(p => (p.End - p.Start).Ticks));
    }

    /// <summary>China Standard Time, 08:30–12:00 and 13:30–17:30, Monday to Friday.</summary>
    public static WorkingCalendar ChinaOfficeHours { get; } = new(
        TimeSpan.FromHours(8),
        [(new TimeOnly(8, 30), new TimeOnly(12, 0)), (new TimeOnly(13, 30), new TimeOnly(17, 30))]);

    public TimeSpan UtcOffset { get; }

    public IReadOnlyList<(TimeOnly Start, TimeOnly End)> Periods { get; }

    public HashSet<DateOnly> Holidays { get; }

    public HashSet<DateOnly> MakeUpWorkdays { get; }

    /// <summary>Length of one working day; limits given in working days are counted in these.</summary>
    public TimeSpan WorkingDayLength { get; }

    public DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(UtcOffset).DateTime);

    /// <summary>Local midnight that starts the day containing <paramref name="at"/>.</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset at) =>
        new(LocalDate(at).ToDateTime(TimeOnly.MinValue), UtcOffset);

    public bool IsWorkingDay(DateOnly day) =>
        MakeUpWorkdays.Contains(day) ||
        (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day));

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        for (var day = LocalDate(from); day <= LocalDate(to); day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            foreach (var (start, end) in Periods)
            {
                var s = Max(from, At(day, start));
                var e = Min(to, At(day, end));
                if (e > s)
                {
                    total += e - s;
                }
            }
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="workingTime"/> of working time has passed since <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan workingTime)
    {
        var left = workingTime;
        for (var day = LocalDate(from); ; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            foreach (var (start, end) in Periods)
            {
                var s = Max(from, At(day, start));
                var e = At(day, end);
                if (e <= s)
                {
                    continue;
                }

                if (e - s >= left)
                {
                    return s + left;
                }

                left -= e - s;
            }
        }
    }

    private DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), UtcOffset);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
