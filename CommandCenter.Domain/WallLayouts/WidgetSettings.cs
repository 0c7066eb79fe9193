namespace CommandCenter.Domain.WallLayouts;

/// <summary>
/// A placed widget's options as its component reads them: the layout's value where it gives a valid one, else the kind's
/// default. Asking for an option the kind does not declare is a programming error and throws.
/// </summary>
public sealed class WidgetSettings
{
    private readonly WidgetKind _kind;
    private readonly IReadOnlyDictionary<string, OptionValue> _given;

    private WidgetSettings(WidgetKind kind, IReadOnlyDictionary<string, OptionValue> given) => (_kind, _given) = (kind, given);

    public static WidgetSettings Of(WidgetPlacement placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        var kind = WidgetTypes.Find(placement.Type) ?? throw new ArgumentException($"unknown widget '{placement.Type}'", nameof(placement));
        return new WidgetSettings(kind, placement.Options ?? new Dictionary<string, OptionValue>());
    }

    public int WholeNumber(string name) => Value(name) is OptionValue.Number n ? (int)n.Value : throw Missing(name);

    public double? Number(string name) => Value(name) is OptionValue.Number n ? n.Value : null;

    public bool Flag(string name) => Value(name) is OptionValue.Flag { Value: true };

    public string? Choice(string name) => Value(name) is OptionValue.Text t ? t.Value : null;

    public IReadOnlyList<string> Names(string name) => Value(name) is OptionValue.Names l ? l.Values : [];

    private OptionValue? Value(string name)
    {
        var option = _kind.Option(name) ?? throw new ArgumentException($"widget '{_kind.Type}' has no option '{name}'", nameof(name));
        return _given.TryGetValue(name, out var value) && option.Problem(value) is null ? value : option.Default;
    }

    private InvalidOperationException Missing(string name) => new($"widget '{_kind.Type}' option '{name}' has no value and no default");
}
