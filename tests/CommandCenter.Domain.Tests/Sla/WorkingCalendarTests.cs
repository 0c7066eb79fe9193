using CommandCenter.Domain.Sla;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Sla;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.ChinaOfficeHours;

    [Fact]
    public void Working_day_is_seven_and_a_half_hours() =>
        Assert.Equal(TimeSpan.FromHours(7.5), Calendar.WorkingDayLength);

    [Fact]
    public void Lunch_break_and_night_do_not_count()
    {
        var from = new DateTimeOffset(2026, 11, 23, 11, 0, 0, China);
        var to = new DateTimeOffset(2026, 11, 24, 9, 0, 0, China);
        // 11:00–12:00 (1 h) + 13:30–17:30 (4 h) + next day 08:30–09:00 (0.5 h)
        Assert.Equal(TimeSpan.FromHours(5.5), Calendar.WorkingTimeBetween(from, to));
    }

    [Fact]
    public void Weekend_does_not_count_and_make_up_day_does()
    {
        var friday = new DateTimeOffset(2026, 11, 27, 17, 0, 0, China);
        var monday = new DateTimeOffset(2026, 11, 30, 9, 0, 0, China);
        Assert.Equal(TimeSpan.FromHours(1), Calendar.WorkingTimeBetween(friday, monday));

        var withMakeUp = new WorkingCalendar(China, Calendar.Periods, makeUpWorkdays: [new DateOnly(2026, 11, 28)]);
        Assert.Equal(TimeSpan.FromHours(8.5), withMakeUp.WorkingTimeBetween(friday, monday));
    }

    [Fact]
    public void Holiday_does_not_count()
    {
        var withHoliday = new WorkingCalendar(China, Calendar.Periods, holidays: [new DateOnly(2026, 11, 23)]);
        Assert.Equal(TimeSpan.Zero, withHoliday.WorkingTimeBetween(MondayNine, MondayNine.AddHours(8)));
    }

    [Fact]
    public void AddWorkingTime_skips_lunch_and_the_night()
    {
        var from = new DateTimeOffset(2026, 11, 23, 16, 0, 0, China);
        var deadline = Calendar.AddWorkingTime(from, TimeSpan.FromHours(4));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 11, 0, 0, China), deadline);
        Assert.Equal(TimeSpan.FromHours(4), Calendar.WorkingTimeBetween(from, deadline));
    }

    [Fact]
    public void StartOfDay_is_local_midnight()
    {
        var lateUtc = new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero); // 01:00 on the 24th in China
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, China), Calendar.StartOfDay(lateUtc));
    }
}
