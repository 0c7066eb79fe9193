using CommandCenter.Domain.Categories;

namespace CommandCenter.Domain.Dispatch;

/// <summary>Who handles a category (派单目录): the lead department and the ones that assist, by department id.</summary>
public sealed record DispatchRule(string Lead, IReadOnlyList<string> Assisting);

/// <summary>
/// The dispatch catalogue: a rule per category code, falling back to a rule per category class (the first two
/// digits), then to the catalogue's fallback (the department that takes whatever nobody else owns, 城管 in most centers).
/// </summary>
public sealed class DispatchCatalogue(IReadOnlyDictionary<string, DispatchRule> rules, DispatchRule fallback)
{
    public DispatchRule Fallback => fallback;

    /// <summary>The rules by category code or class, as the catalogue lists them.</summary>
    public IReadOnlyDictionary<string, DispatchRule> Rules => rules;

    public DispatchRule RuleFor(CategoryCode category) =>
        category.Value is null ? fallback
        : rules.TryGetValue(category.Value, out var exact) ? exact
        : rules.TryGetValue(category.Value[..2], out var byClass) ? byClass
        : fallback;
}
