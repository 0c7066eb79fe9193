using CommandCenter.Domain.Sla;

namespace CommandCenter.Domain.Tests.Sla;

/// <summary>A year without imported holidays is provisional (weekends only); next year's is worth a warning from December.</summary>
public sealed class CalendarCoverageTests
{
    [Fact]
    public void Nothing_is_missing_in_june_with_this_years_calendar()
    {
        Assert.Empty(CalendarCoverage.Gaps([2025, 2026], new DateOnly(2026, 6, 1)));
        Assert.Empty(CalendarCoverage.Gaps([2026], new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void From_december_a_missing_next_year_is_named()
    {
        var gap = Assert.Single(CalendarCoverage.Gaps([2025, 2026], new DateOnly(2026, 12, 2)));

        Assert.Equal("the working calendar of 2027 is provisional (weekends only): import calendar-2027.csv once the State Council publishes it", gap);
        Assert.Empty(CalendarCoverage.Gaps([2026, 2027], new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void A_missing_current_year_is_named_all_year()
    {
        var gap = Assert.Single(CalendarCoverage.Gaps([2025, 2026], new DateOnly(2027, 3, 1)));

        Assert.StartsWith("the working calendar of 2027 is provisional", gap, StringComparison.Ordinal);
        Assert.Equal(2, CalendarCoverage.Gaps([], new DateOnly(2027, 12, 1)).Count);
    }
}
