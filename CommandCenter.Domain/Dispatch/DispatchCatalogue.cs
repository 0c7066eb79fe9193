using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Units;

namespace CommandCenter.Domain.Dispatch;

/// <summary>Who handles a category (派单目录): the lead department and the ones that assist.</summary>
public sealed record DispatchRule(Department Lead, IReadOnlyList<Department> Assisting);

/// <summary>
/// The dispatch catalogue: a rule per category code, falling back to a rule per category class (the first two
/// digits), then to city management, which takes whatever nobody else owns.
/// </summary>
public sealed class DispatchCatalogue(IReadOnlyDictionary<string, DispatchRule> rules)
{
    public static DispatchRule Fallback { get; } = new(Department.CityManagement, []);

    /// <summary>The catalogue of the demo district: the usual split of a Chinese street's departments.</summary>
    public static DispatchCatalogue Standard { get; } = new(new Dictionary<string, DispatchRule>(StringComparer.Ordinal)
    {
        ["01"] = new(Department.Housing, [Department.PropertyManagement]),
        ["01013"] = new(Department.Fire, [Department.PropertyManagement]),
        ["01054"] = new(Department.SafetySupervision, [Department.PropertyManagement]),
        ["01066"] = new(Department.Police, []),
        // Public elevators are special equipment, supervised by market supervision (市场监管), with the property manager.
        ["01076"] = new(Department.MarketSupervision, [Department.PropertyManagement]),
        ["02"] = new(Department.Police, []),
        ["03"] = new(Department.CityManagement, []),
        ["06"] = new(Department.CityManagement, [Department.Environment]),
        ["06028"] = new(Department.Environment, [Department.Police]),
        ["07"] = new(Department.CityManagement, []),
        ["08"] = new(Department.Environment, [Department.CityManagement]),
        ["09"] = new(Department.CityManagement, [Department.MarketSupervision]),
        ["09009"] = new(Department.Police, [Department.CityManagement]),
        ["09012"] = new(Department.Fire, [Department.PropertyManagement]),
    });

    public DispatchRule RuleFor(CategoryCode category) =>
        category.Value is null ? Fallback
        : rules.TryGetValue(category.Value, out var exact) ? exact
        : rules.TryGetValue(category.Value[..2], out var byClass) ? byClass
        : Fallback;
}
