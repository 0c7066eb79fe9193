using System.Globalization;

namespace CommandCenter.Domain.WallLayouts;

/// <summary>The types a widget option may have.</summary>
public enum OptionKind
{
    /// <summary>A whole number within <see cref="WidgetOption.Minimum"/>–<see cref="WidgetOption.Maximum"/>.</summary>
    WholeNumber,

    /// <summary>A number within <see cref="WidgetOption.Minimum"/>–<see cref="WidgetOption.Maximum"/>.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>One of <see cref="WidgetOption.Choices"/>.</summary>
    Choice,

    /// <summary>A list of distinct names from <see cref="WidgetOption.Choices"/> (any names when it has none).</summary>
    Names,
}

/// <summary>
/// One option a widget kind takes: its name in the layout's <c>options</c>, its type and range, and the value it has when the
/// layout leaves it out. The layout validator checks against it, and the layout schema file is generated from it.
/// </summary>
public sealed record WidgetOption(
    string Name,
    OptionKind Kind,
    string Description,
    OptionValue? Default = null,
    double? Minimum = null,
    double? Maximum = null,
    IReadOnlyList<string>? Choices = null)
{
    /// <summary>Why <paramref name="value"/> is not a value of this option, or null when it is.</summary>
    public string? Problem(OptionValue value) => (Kind, value) switch
    {
        (OptionKind.WholeNumber, OptionValue.Number n) when n.Value != Math.Floor(n.Value) => $"must be a whole number{Range()} (is {value.Describe()})",
        (OptionKind.WholeNumber or OptionKind.Number, OptionValue.Number n) when n.Value < Minimum || n.Value > Maximum =>
            $"must be{Range()} (is {value.Describe()})",
        (OptionKind.WholeNumber or OptionKind.Number, OptionValue.Number) => null,
        (OptionKind.WholeNumber, _) => $"must be a whole number{Range()} (is {value.Describe()})",
        (OptionKind.Number, _) => $"must be a number{Range()} (is {value.Describe()})",
        (OptionKind.Boolean, OptionValue.Flag) => null,
        (OptionKind.Boolean, _) => $"must be true or false (is {value.Describe()})",
        (OptionKind.Choice, OptionValue.Text t) when Choices is null || Choices.Contains(t.Value) => null,
        (OptionKind.Choice, _) => $"must be one of {string.Join(", ", Choices ?? [])} (is {value.Describe()})",
        (OptionKind.Names, OptionValue.Names l) => NamesProblem(l.Values),
        (OptionKind.Names, _) => $"must be a list of names{OutOf()} (is {value.Describe()})",
        _ => $"is not a valid value ({value.Describe()})",
    };

    private string? NamesProblem(IReadOnlyList<string> names)
    {
        if (Choices is not null && names.FirstOrDefault(n => !Choices.Contains(n)) is { } unknown)
        {
            return $"'{unknown}' is not one of {string.Join(", ", Choices)}";
        }

        return names.Distinct(StringComparer.Ordinal).Count() == names.Count ? null : "names a value twice";
    }

    private string Range() => (Minimum, Maximum) switch
    {
        ({ } min, { } max) => $" {Text(min)}–{Text(max)}",
        ({ } min, null) => $" of at least {Text(min)}",
        (null, { } max) => $" of at most {Text(max)}",
        _ => "",
    };

    private string OutOf() => Choices is null ? "" : $" from {string.Join(", ", Choices)}";

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A widget kind a layout may place: its type name, what it shows, and the options it takes.</summary>
public sealed record WidgetKind(string Type, string Description, IReadOnlyList<WidgetOption> Options)
{
    public WidgetOption? Option(string name) => Options.FirstOrDefault(o => o.Name == name);
}
