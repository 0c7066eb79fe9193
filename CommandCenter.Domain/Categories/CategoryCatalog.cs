namespace CommandCenter.Domain.Categories;

/// <summary>
/// The categories a center uses (GB/T 47678.5): the class names (the first two digits, 公用设施, 市容环境, …) and the
/// categories by code. Comes from the center's reference data.
/// </summary>
public sealed class CategoryCatalog
{
    private readonly Dictionary<CategoryCode, Category> _byCode;
    private readonly Dictionary<int, string> _classNames;

    public CategoryCatalog(IEnumerable<Category> categories, IReadOnlyDictionary<int, string>? classNames = null)
    {
        _byCode = categories.ToDictionary(c => c.Code);
        _classNames = classNames?.ToDictionary() ?? [];
    }

    public IEnumerable<Category> All => _byCode.Values;

    /// <summary>The class names by class number (1–10).</summary>
    public IReadOnlyDictionary<int, string> ClassNames => _classNames;

    public Category? Find(CategoryCode code) => _byCode.GetValueOrDefault(code);

    /// <summary>The category's name, or its class name when the item is not in the catalogue.</summary>
    public string NameOf(CategoryCode code) =>
        _byCode.TryGetValue(code, out var c) ? c.Name
        : $"{_classNames.GetValueOrDefault(code.Class, $"{code.Class:00}类")}·{code.Value}";
}
