using System.Text.Json;
using CommandCenter.Domain.WallLayouts;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Walls;

/// <summary>What looking up a layout found: the layout, or why there is none.</summary>
public sealed record LayoutLookup(WallLayout? Layout, IReadOnlyList<string> Problems)
{
    public bool Found => Layout is not null;
}

/// <summary>
/// Reads wall layouts from their JSON files on each lookup, so an edited layout shows on the next page load.
/// A broken file is reported by name and problem, never thrown at the wall.
/// </summary>
public sealed class WallLayoutCatalog(IOptions<WallOptions> options)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new OptionValueJson() },
    };

    public string Folder => options.Value.ResolvedLayoutsPath;

    public IReadOnlyList<string> Ids() => Directory.Exists(Folder)
        ? [.. Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension)
            .Where(id => id is not null && !id.EndsWith(".schema", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!]
        : [];

    public LayoutLookup Find(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            return new LayoutLookup(null, [$"'{id}' is not a layout id (lower-case letters, digits and '-')"]);
        }

        var path = Path.Combine(Folder, id + ".json");
        if (!File.Exists(path))
        {
            return new LayoutLookup(null, [$"no layout '{id}' in {Folder}"]);
        }

        try
        {
            var layout = JsonSerializer.Deserialize<WallLayout>(File.ReadAllText(path), Json);
            var problems = WallLayoutValidator.Validate(layout).ToList();
            if (layout is not null && layout.Id != id)
            {
                problems.Add($"id: '{layout.Id}' does not match the file name '{id}.json'");
            }

            return problems.Count == 0 ? new LayoutLookup(layout, []) : new LayoutLookup(null, [.. problems.Select(p => $"{id}.json: {p}")]);
        }
        catch (JsonException ex)
        {
            // A converter's own message carries no position; the reader knows where it was.
            var at = ex.Path is { } where && !ex.Message.Contains(where, StringComparison.Ordinal) ? $" (at {where}, line {ex.LineNumber + 1})" : "";
            return new LayoutLookup(null, [$"{id}.json: {ex.Message}{at}"]);
        }
        catch (IOException ex)
        {
            return new LayoutLookup(null, [$"{id}.json: cannot be read: {ex.Message}"]);
        }
    }
}
