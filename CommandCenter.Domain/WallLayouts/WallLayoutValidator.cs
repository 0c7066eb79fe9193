using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.WallLayouts;

/// <summary>Checks a layout and names every problem by its JSON path, so a wrong file is easy to fix.</summary>
public static class WallLayoutValidator
{
    public const int MaxCells = 48;

    public static IReadOnlyList<string> Validate(WallLayout? layout)
    {
        if (layout is null)
        {
            return ["layout: the file is empty"];
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(layout.Id) || !layout.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add($"id: '{layout.Id}' must be lower-case letters, digits and '-'");
        }

        if (string.IsNullOrWhiteSpace(layout.Title))
        {
            errors.Add("title: is required");
        }

        if (!JurisdictionCode.TryFrom(layout.Scope, out _, out var scopeError))
        {
            errors.Add($"scope: {scopeError}");
        }

        if (layout.Columns is < 1 or > MaxCells || layout.Rows is < 1 or > MaxCells)
        {
            errors.Add($"columns/rows: {layout.Columns}×{layout.Rows} must each be 1–{MaxCells}");
            return errors;
        }

        var widgets = layout.Widgets ?? [];
        if (widgets.Count == 0)
        {
            errors.Add("widgets: a layout needs at least one widget");
        }

        var taken = new int?[layout.Columns, layout.Rows];
        for (var i = 0; i < widgets.Count; i++)
        {
            CheckWidget(layout, widgets[i], i, taken, errors);
        }

        return errors;
    }

    private static void CheckWidget(WallLayout layout, WidgetPlacement? w, int i, int?[,] taken, List<string> errors)
    {
        var at = $"widgets[{i}]";
        if (w is null)
        {
            errors.Add($"{at}: is null");
            return;
        }

        if (!WidgetTypes.All.Contains(w.Type))
        {
            errors.Add($"{at}.type: unknown widget '{w.Type}' (known: {string.Join(", ", WidgetTypes.All)})");
        }

        if (w.X < 0 || w.Y < 0 || w.W < 1 || w.H < 1 || w.X + w.W > layout.Columns || w.Y + w.H > layout.Rows)
        {
            errors.Add($"{at}: cells x={w.X} y={w.Y} w={w.W} h={w.H} fall outside the {layout.Columns}×{layout.Rows} grid");
            return;
        }

        for (var x = w.X; x < w.X + w.W; x++)
        {
            for (var y = w.Y; y < w.Y + w.H; y++)
            {
                if (taken[x, y] is { } other)
                {
                    errors.Add($"{at}: overlaps widgets[{other}] at cell x={x} y={y}");
                    return;
                }

                taken[x, y] = i;
            }
        }
    }
}
