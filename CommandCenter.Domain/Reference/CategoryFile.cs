using CommandCenter.Domain.Categories;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// <c>categories.csv</c>, header <c>code,name</c>: the GB/T 47678.5 catalogue (classes 01–10) and the social-governance
/// matters (our classes 20–29). A two-digit code names a class (<c>06,市容环境</c>), a five-digit code a category
/// (<c>06010,暴露垃圾</c>), whose class must be listed.
/// </summary>
public static class CategoryFile
{
    public const string Name = "categories.csv";
    public const string Header = "code,name";

    public static CategoryCatalog Read(string text, List<ReferenceProblem> problems)
    {
        var classes = new Dictionary<int, string>();
        var categories = new List<(CsvRow Row, Category Category)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvRows.Read(Name, text, Header, problems))
        {
            var (code, name) = (row[0], row[1]);
            if (seen.TryGetValue(code, out var first))
            {
                problems.Add(new(Name, row.Where, $"{code}: duplicate code (already on line {first})"));
                continue;
            }

            seen[code] = row.Line;
            if (name.Length is 0 or > 40)
            {
                problems.Add(new(Name, row.Where, $"{code}: the name must be 1–40 characters"));
            }
            else if (code.Length == 2 && int.TryParse(code, out var cls) && (cls is >= 1 and <= 10 or >= Categories.GovernanceMatters.FirstClass and <= Categories.GovernanceMatters.LastClass) && code.All(char.IsAsciiDigit))
            {
                classes[cls] = name;
            }
            else if (CategoryCode.TryFrom(code, out var category, out var error))
            {
                categories.Add((row, new Category(category, name)));
            }
            else
            {
                problems.Add(new(Name, row.Where, $"{error}, or a 2-digit class 01–10 or 20–29"));
            }
        }

        foreach (var (row, category) in categories.Where(c => !classes.ContainsKey(c.Category.Code.Class)))
        {
            problems.Add(new(Name, row.Where, $"{category.Code}: its class {category.Code.Class:00} is not listed"));
        }

        return new CategoryCatalog(categories.Select(c => c.Category), classes);
    }

    public static string Write(CategoryCatalog catalog) => ReferenceIds.Lines(Header,
        catalog.ClassNames.OrderBy(c => c.Key).Select(c => $"{c.Key:00},{c.Value}")
            .Concat(catalog.All.OrderBy(c => c.Code.Value, StringComparer.Ordinal).Select(c => $"{c.Code},{c.Name}")));
}
