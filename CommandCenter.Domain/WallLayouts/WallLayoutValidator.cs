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

        if (WidgetTypes.Find(w.Type) is not { } kind)
        {
            errors.Add($"{at}.type: unknown widget '{w.Type}' (known: {string.Join(", ", WidgetTypes.All)})");
        }
        else
        {
            CheckOptions(kind, w.Options, at, errors);
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

    private static void CheckOptions(WidgetKind kind, IReadOnlyDictionary<string, OptionValue>? options, string at, List<string> errors)
    {
        foreach (var (name, value) in options ?? new Dictionary<string, OptionValue>())
        {
            if (kind.Option(name) is not { } option)
            {
                errors.Add(kind.Options.Count == 0
                    ? $"{at}.options.{name}: a {kind.Type} widget takes no options"
                    : $"{at}.options.{name}: unknown option of {kind.Type} (known: {string.Join(", ", kind.Options.Select(o => o.Name))})");
            }
            else if (option.Problem(value) is { } problem)
            {
                errors.Add($"{at}.options.{name}: {problem}");
            }
        }

        if (kind.Type == WidgetTypes.IncidentMap && options is not null && options.TryGetValue("view", out var view) &&
            view is OptionValue.Text { Value: MapOptions.Centre } && !(options.ContainsKey("centreLat") && options.ContainsKey("centreLon")))
        {
            errors.Add($"{at}.options: view centre needs centreLat and centreLon");
        }
    }
}
