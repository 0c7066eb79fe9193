namespace CommandCenter.Domain.Sla;

/// <summary>
/// Which years the working calendar knows (their holidays and make-up days were imported) and which it only guesses
/// (provisional: weekends off, nothing else). A center imports next year's schedule once the State Council publishes it,
/// usually in November; from December on, a missing next year is worth a warning.
/// </summary>
public static class CalendarCoverage
{
    /// <summary>What is missing at <paramref name="today"/> (local date), as sentences for a duty engineer; empty when nothing is.</summary>
    public static IReadOnlyList<string> Gaps(IEnumerable<int> importedYears, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(importedYears);
        var years = importedYears.ToHashSet();
        var gaps = new List<string>();
        if (!years.Contains(today.Year))
        {
            gaps.Add($"the working calendar of {today.Year} is provisional (weekends only): import calendar-{today.Year}.csv with its holidays and make-up days");
        }

        if (today.Month == 12 && !years.Contains(today.Year + 1))
        {
            gaps.Add($"the working calendar of {today.Year + 1} is provisional (weekends only): import calendar-{today.Year + 1}.csv once the State Council publishes it");
        }

        return gaps;
    }
}
