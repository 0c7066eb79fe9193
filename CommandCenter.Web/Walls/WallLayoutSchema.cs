using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Domain.WallLayouts;

namespace CommandCenter.Web.Walls;

/// <summary>
/// The layout schema file (<c>wall-layouts/wall-layout.schema.json</c>), generated from the widget kinds' declared options
/// (<see cref="WidgetTypes.Kinds"/>), so an editor's completion, the validator and a later layout editor's forms agree.
/// <c>dotnet run --project CommandCenter.Web --no-launch-profile -- --layout-schema</c> prints it; a test keeps the file equal to it.
/// </summary>
public static class WallLayoutSchema
{
    public static string Text()
    {
        var widget = new JsonObject
        {
            ["type"] = "object",
            ["required"] = Array("type", "x", "y", "w", "h"),
            ["properties"] = new JsonObject
            {
                ["type"] = new JsonObject { ["enum"] = Array([.. WidgetTypes.All]) },
                ["x"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                ["y"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                ["w"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                ["h"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                ["title"] = new JsonObject { ["type"] = "string" },
                ["options"] = new JsonObject { ["type"] = "object" },
            },
            ["additionalProperties"] = false,
            ["allOf"] = new JsonArray([.. WidgetTypes.Kinds.Select(OptionsOf)]),
        };
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "wall-layout.schema.json",
            ["title"] = "CommandCenter wall layout",
            ["description"] = "A wall (大屏) layout: a grid of columns × rows cells for one jurisdiction, with widgets placed on it. " +
                "Generated from the widget kinds (dotnet run --project CommandCenter.Web --no-launch-profile -- --layout-schema); the server checks the same rules and names the field at fault.",
            ["type"] = "object",
            ["required"] = Array("id", "title", "scope", "columns", "rows", "widgets"),
            ["properties"] = new JsonObject
            {
                ["$schema"] = new JsonObject { ["type"] = "string" },
                ["id"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z0-9-]+$", ["description"] = "Must equal the file name without .json; used in /wall/{id}." },
                ["title"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                ["scope"] = new JsonObject
                {
                    ["type"] = "string", ["pattern"] = "^([0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$",
                    ["description"] = "Jurisdiction code whose subtree the wall shows.",
                },
                ["columns"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = WallLayoutValidator.MaxCells },
                ["rows"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = WallLayoutValidator.MaxCells },
                ["widgets"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = widget },
            },
            ["additionalProperties"] = false,
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>For widgets of <paramref name="kind"/>: the options it takes, and no others.</summary>
    private static JsonObject OptionsOf(WidgetKind kind) => new()
    {
        ["if"] = new JsonObject { ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = kind.Type } } },
        ["then"] = new JsonObject
        {
            ["description"] = kind.Description,
            ["properties"] = new JsonObject
            {
                ["options"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject([.. kind.Options.Select(o => KeyValuePair.Create(o.Name, (JsonNode?)Option(o)))]),
                    ["additionalProperties"] = false,
                },
            },
        },
    };

    private static JsonObject Option(WidgetOption option)
    {
        var node = new JsonObject { ["description"] = option.Description };
        switch (option.Kind)
        {
            case OptionKind.WholeNumber or OptionKind.Number:
                node["type"] = option.Kind == OptionKind.WholeNumber ? "integer" : "number";
                if (option.Minimum is { } min)
                {
                    node["minimum"] = min;
                }

                if (option.Maximum is { } max)
                {
                    node["maximum"] = max;
                }

                break;
            case OptionKind.Boolean:
                node["type"] = "boolean";
                break;
            case OptionKind.Choice:
                node["enum"] = Array([.. option.Choices ?? []]);
                break;
            case OptionKind.Names:
                node["type"] = "array";
                node["items"] = option.Choices is { } choices ? new JsonObject { ["enum"] = Array([.. choices]) } : new JsonObject { ["type"] = "string" };
                node["uniqueItems"] = true;
                break;
        }

        if (option.Default is { } fallback)
        {
            node["default"] = JsonSerializer.SerializeToNode(fallback, WallLayoutCatalog.Json);
        }

        return node;
    }

    private static JsonArray Array(params string[] values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
