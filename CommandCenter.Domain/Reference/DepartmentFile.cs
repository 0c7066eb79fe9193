using CommandCenter.Domain.Units;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// <c>departments.csv</c>, header <c>id,name</c>: the kinds of responsible department the catalogue and the units name
/// (<c>city,城管</c>). Ids are lower-case letters, digits and '-'.
/// </summary>
public static class DepartmentFile
{
    public const string Name = "departments.csv";
    public const string Header = "id,name";

    public static IReadOnlyList<Department> Read(string text, List<ReferenceProblem> problems)
    {
        var departments = new List<Department>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvRows.Read(Name, text, Header, problems))
        {
            var (id, name) = (row[0], row[1]);
            if (!ReferenceIds.IsId(id))
            {
                problems.Add(new(Name, row.Where, $"department id '{id}' must be 1–40 lower-case letters, digits or '-'"));
            }
            else if (seen.TryGetValue(id, out var first))
            {
                problems.Add(new(Name, row.Where, $"{id}: duplicate department (already on line {first})"));
            }
            else if (name.Length is 0 or > 40)
            {
                problems.Add(new(Name, row.Where, $"{id}: the name must be 1–40 characters"));
            }
            else
            {
                seen[id] = row.Line;
                departments.Add(new Department(id, name));
            }
        }

        return departments;
    }

    public static string Write(IEnumerable<Department> departments) =>
        ReferenceIds.Lines(Header, departments.Select(d => $"{d.Id},{d.Name}"));
}

/// <summary>Shared rules of reference ids and file writing.</summary>
public static class ReferenceIds
{
    public static bool IsId(string id) =>
        id.Length is > 0 and <= 40 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>Unit ids may also carry upper-case letters (<c>U-001-city</c>).</summary>
    public static bool IsUnitId(string id) =>
        id.Length is > 0 and <= 40 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Lines(string header, IEnumerable<string> rows) => string.Join('\n', [header, .. rows]) + "\n";
}
