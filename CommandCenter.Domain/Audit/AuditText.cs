using System.Globalization;
using System.Text;

namespace CommandCenter.Domain.Audit;

/// <summary>
/// Audit fields as written: control characters escaped (a newline in a typed user name cannot forge a second line in an
/// export or a log viewer) and each field cut to its bound, saying how much was cut, so no caller can make a row
/// unbounded.
/// </summary>
public static class AuditText
{
    public const int MaxActor = 128;
    public const int MaxAction = 64;
    public const int MaxTarget = 256;
    public const int MaxDetail = 2048;

    public static AuditRecord Bounded(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditRecord(Clean(record.Actor, MaxActor) ?? "", Clean(record.Action, MaxAction) ?? "",
            Clean(record.Target, MaxTarget), Clean(record.Detail, MaxDetail));
    }

    /// <summary>The text with control characters escaped (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\u001b</c>) and cut to <paramref name="max"/>.</summary>
    public static string? Clean(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }

        var clean = new StringBuilder(Math.Min(text.Length, max + 32));
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => clean.Append("\\n"),
                '\r' => clean.Append("\\r"),
                '\t' => clean.Append("\\t"),
                '\\' => clean.Append("\\\\"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => clean.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => clean.Append(c),
            };
        }

        if (clean.Length <= max)
        {
            return clean.ToString();
        }

        var cut = clean.Length - max;
        var note = $"…(+{cut} chars)";
        return clean.ToString(0, Math.Max(0, max - note.Length)) + note;
    }
}
