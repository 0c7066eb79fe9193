using System.Globalization;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Duty;

/// <summary>One line of a roster file that could not be read, and why.</summary>
public sealed record RosterProblem(int Line, string Problem);

/// <summary>
/// A duty roster as CSV (排班表), one shift a line, with a header line:
/// <c>jurisdiction,start,end,leader,leaderPhone,members</c>; times as <c>yyyy-MM-dd HH:mm</c> China time (or ISO 8601 with
/// an offset); members as <c>name:phone</c> separated by <c>;</c>. Every problem is reported with its line, and a file
/// with any problem yields no shifts, so a roster is never half imported.
/// </summary>
public static class RosterCsv
{
    public const string Header = "jurisdiction,start,end,leader,leaderPhone,members";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static (IReadOnlyList<DutyShift> Shifts, IReadOnlyList<RosterProblem> Problems) Parse(string text, JurisdictionTree tree, int maxLines = 5000)
    {
        var shifts = new List<DutyShift>();
        var problems = new List<RosterProblem>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || !string.Equals(lines[0].Trim().TrimStart('\uFEFF'), Header, StringComparison.OrdinalIgnoreCase))
        {
            return ([], [new RosterProblem(1, $"the first line must be the header '{Header}'")]);
        }

        if (lines.Length > maxLines + 1)
        {
            return ([], [new RosterProblem(maxLines + 2, $"a roster file holds at most {maxLines} shifts")]);
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var (shift, problem) = ParseLine(lines[i], tree);
            if (problem is not null)
            {
                problems.Add(new RosterProblem(i + 1, problem));
            }
            else
            {
                shifts.Add(shift!);
            }
        }

        return problems.Count > 0 ? ([], problems) : (shifts, problems);
    }

    /// <summary>A shift's id from what makes it that shift: the same line imported twice replaces, not duplicates.</summary>
    public static string IdOf(JurisdictionCode scope, DateTimeOffset start) =>
        $"roster-{scope.Value}-{start.ToOffset(China):yyyyMMddHHmm}";

    private static (DutyShift? Shift, string? Problem) ParseLine(string line, JurisdictionTree tree)
    {
        var cells = line.Split(',').Select(c => c.Trim()).ToArray();
        if (cells.Length != 6)
        {
            return (null, $"has {cells.Length} columns, not 6 ({Header})");
        }

        if (cells.Any(c => c.Any(char.IsControl)))
        {
            return (null, "contains control characters");
        }

        if (!JurisdictionCode.TryFrom(cells[0], out var scope, out var error))
        {
            return (null, $"jurisdiction: {error}");
        }

        if (tree.Find(scope) is null)
        {
            return (null, $"jurisdiction: '{cells[0]}' is not a jurisdiction of this center");
        }

        if (Time(cells[1]) is not { } start)
        {
            return (null, $"start: '{cells[1]}' is not a time like 2026-11-23 08:00");
        }

        if (Time(cells[2]) is not { } end)
        {
            return (null, $"end: '{cells[2]}' is not a time like 2026-11-23 20:00");
        }

        if (end <= start || end - start > TimeSpan.FromHours(48))
        {
            return (null, "end: must be after the start and at most 48 hours later");
        }

        if (Officer(cells[3], cells[4]) is not { } leader)
        {
            return (null, "leader: a name (≤ 20 characters) and a phone of digits, '+', '-' or spaces are required");
        }

        var members = new List<DutyOfficer>();
        foreach (var member in cells[5].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = member.Split(':', 2);
            if (parts.Length != 2 || Officer(parts[0], parts[1]) is not { } officer)
            {
                return (null, $"members: '{member}' is not name:phone");
            }

            members.Add(officer);
        }

        return (new DutyShift(IdOf(scope, start), scope, leader, members, start, end), null);
    }

    private static DutyOfficer? Officer(string name, string phone) =>
        name.Trim().Length is > 0 and <= 20 && phone.Trim().Length is > 0 and <= 20 && phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ')
            ? new DutyOfficer(name.Trim(), phone.Trim())
            : null;

    private static DateTimeOffset? Time(string text)
    {
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm", "yyyy-MM-dd'T'HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, China);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Length > 16 ? at : null;
    }
}
