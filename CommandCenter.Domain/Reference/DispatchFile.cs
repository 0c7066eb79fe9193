using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Dispatch;
using CommandCenter.Domain.Units;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// <c>dispatch.csv</c>, header <c>category,lead,assisting</c>: the dispatch catalogue. <c>category</c> is a category code,
/// a class (two digits) or <c>*</c> for the fallback, which must be there; <c>lead</c> a department id, <c>assisting</c>
/// department ids separated by <c>;</c>. A department the file names must be in <c>departments.csv</c>.
/// </summary>
public static class DispatchFile
{
    public const string Name = "dispatch.csv";
    public const string Header = "category,lead,assisting";
    public const string FallbackKey = "*";

    public static DispatchCatalogue? Read(string text, CategoryCatalog categories, IReadOnlyCollection<Department> departments, List<ReferenceProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var known = departments.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var rules = new Dictionary<string, DispatchRule>(StringComparer.Ordinal);
        DispatchRule? fallback = null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvRows.Read(Name, text, Header, problems))
        {
            var before = problems.Count;
            void Fail(string rule) => problems.Add(new(Name, row.Where, rule));
            var key = row[0];
            if (seen.TryGetValue(key, out var first))
            {
                Fail($"{key}: duplicate row (already on line {first})");
                continue;
            }

            seen[key] = row.Line;
            if (key != FallbackKey && !IsListed(key, categories))
            {
                Fail($"'{key}' is not a category or class in {CategoryFile.Name} (or '*' for the fallback)");
            }

            var assisting = CsvRows.List(row[2]);
            foreach (var department in assisting.Prepend(row[1]).Where(d => !known.Contains(d)))
            {
                Fail($"{key}: unknown department '{department}' (not in {DepartmentFile.Name})");
            }

            if (problems.Count == before)
            {
                var rule = new DispatchRule(row[1], assisting);
                if (key == FallbackKey)
                {
                    fallback = rule;
                }
                else
                {
                    rules[key] = rule;
                }
            }
        }

        if (fallback is null && !problems.Any(p => p.File == Name))
        {
            problems.Add(new(Name, "end of file", "the catalogue needs a fallback row '*' (who takes what no other row names)"));
        }

        return fallback is null ? null : new DispatchCatalogue(rules, fallback);
    }

    public static string Write(DispatchCatalogue catalogue) => ReferenceIds.Lines(Header,
        catalogue.Rules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => Line(r.Key, r.Value))
            .Append(Line(FallbackKey, catalogue.Fallback)));

    private static string Line(string key, DispatchRule rule) => $"{key},{rule.Lead},{string.Join(';', rule.Assisting)}";

    private static bool IsListed(string key, CategoryCatalog categories) =>
        key.Length == 2 && int.TryParse(key, out var cls) ? categories.ClassNames.ContainsKey(cls)
        : CategoryCode.TryFrom(key, out var code, out _) && categories.Find(code) is not null;
}
