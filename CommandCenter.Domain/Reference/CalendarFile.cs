using System.Globalization;
using CommandCenter.Domain.Sla;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// <c>calendar-{year}.csv</c>, header <c>date,kind,name</c>: one year's public holidays (<c>holiday</c>) and make-up working
/// days (<c>workday</c>, 调休), dates as <c>yyyy-MM-dd</c> within the file's year, each date at most once. Deadlines in
/// working time skip weekends and holidays and count make-up days, during the office hours 08:30–12:00 and 13:30–17:30
/// China time.
/// </summary>
public static class CalendarFile
{
    public const string Prefix = "calendar-";
    public const string Header = "date,kind,name";

    /// <summary>True for a file name of this kind; <paramref name="year"/> is its year.</summary>
    public static bool IsCalendar(string file, out int year)
    {
        year = 0;
        return file.StartsWith(Prefix, StringComparison.Ordinal) && file.EndsWith(".csv", StringComparison.Ordinal) &&
            int.TryParse(file.AsSpan(Prefix.Length, file.Length - Prefix.Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out year) &&
            year is >= 2000 and <= 2100;
    }

    public static string FileName(int year) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{year}.csv");

    public static void Read(string file, int year, string text, ICollection<CalendarDay> days, List<ReferenceProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(days);
        var seen = new Dictionary<DateOnly, int>();
        foreach (var row in CsvRows.Read(file, text, Header, problems))
        {
            void Fail(string rule) => problems.Add(new(file, row.Where, rule));
            if (!DateOnly.TryParseExact(row[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Fail($"date '{row[0]}' must be yyyy-MM-dd");
                continue;
            }

            if (date.Year != year)
            {
                Fail($"{row[0]} is not in {year}, the file's year");
                continue;
            }

            if (seen.TryGetValue(date, out var first))
            {
                Fail($"{row[0]}: the day is listed twice (already on line {first})");
                continue;
            }

            seen[date] = row.Line;
            switch (row[1])
            {
                case "holiday":
                    days.Add(new CalendarDay(date, Holiday: true, row[2]));
                    break;
                case "workday":
                    days.Add(new CalendarDay(date, Holiday: false, row[2]));
                    break;
                default:
                    Fail($"{row[0]}: kind '{row[1]}' must be holiday or workday");
                    break;
            }
        }
    }

    public static string Write(IEnumerable<CalendarDay> days) => ReferenceIds.Lines(Header, days.OrderBy(d => d.Date).Select(d =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Date:yyyy-MM-dd},{(d.Holiday ? "holiday" : "workday")},{d.Name}")));

    /// <summary>The office-hours calendar with these holidays and make-up working days.</summary>
    public static WorkingCalendar Calendar(IEnumerable<CalendarDay> days)
    {
        var list = days.ToList();
        var office = WorkingCalendar.ChinaOfficeHours;
        return new WorkingCalendar(office.UtcOffset, office.Periods,
            list.Where(d => d.Holiday).Select(d => d.Date), list.Where(d => !d.Holiday).Select(d => d.Date));
    }
}

/// <summary>A day off (public holiday) or a make-up working day (调休) of the working calendar.</summary>
public sealed record CalendarDay(DateOnly Date, bool Holiday, string Name);
