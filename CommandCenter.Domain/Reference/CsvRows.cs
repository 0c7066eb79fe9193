namespace CommandCenter.Domain.Reference;

/// <summary>One data row of a reference CSV file: its line number and its trimmed fields.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields)
{
    public string this[int index] => Fields[index];

    public string Where => $"line {Line}";
}

/// <summary>
/// The plain CSV the reference files use: UTF-8 (a byte-order mark is ignored), a fixed header line, comma-separated
/// fields without quotes (names carry no commas), blank lines and lines starting with <c>#</c> skipped. A row with the
/// wrong number of fields is a problem naming its line; the other rows are still read, so one pass reports everything.
/// </summary>
public static class CsvRows
{
    public static IReadOnlyList<CsvRow> Read(string file, string text, string header, List<ReferenceProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
        if (lines[0].Trim() != header)
        {
            problems.Add(new ReferenceProblem(file, "line 1", $"the first line must be the header '{header}'"));
            return [];
        }

        var width = header.Split(',').Length;
        var rows = new List<CsvRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != width)
            {
                problems.Add(new ReferenceProblem(file, $"line {i + 1}",
                    $"must have {width} fields ({header.Replace(",", ", ", StringComparison.Ordinal)}), has {fields.Length} (names may not contain commas)"));
                continue;
            }

            rows.Add(new CsvRow(i + 1, [.. fields.Select(f => f.Trim())]));
        }

        return rows;
    }

    /// <summary>A list field: values separated by <c>;</c>, blanks dropped.</summary>
    public static IReadOnlyList<string> List(string field) =>
        [.. field.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
