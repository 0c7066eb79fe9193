namespace CommandCenter.Domain.WallLayouts;

/// <summary>
/// A wall layout (大屏布局): a grid of <see cref="Columns"/> × <see cref="Rows"/> cells for one jurisdiction,
/// with widgets placed on it. Stored as JSON under wall-layouts/.
/// </summary>
public sealed record WallLayout(
    string Id,
    string Title,
    string Scope,
    int Columns,
    int Rows,
    IReadOnlyList<WidgetPlacement> Widgets);

/// <summary>
/// One widget on the layout grid: its type, cell position (0-based) and size, and options (typed as its kind declares them,
/// <see cref="WidgetTypes.Kinds"/>; <see cref="WidgetSettings"/> reads them with their defaults).
/// </summary>
public sealed record WidgetPlacement(
    string Type,
    int X,
    int Y,
    int W,
    int H,
    string? Title = null,
    IReadOnlyDictionary<string, OptionValue>? Options = null);
