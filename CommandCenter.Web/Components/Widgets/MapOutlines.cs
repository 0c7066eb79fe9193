using System.Text.Json;
using CommandCenter.Domain.Jurisdictions;
using NetTopologySuite.Features;

namespace CommandCenter.Web.Components.Widgets;

/// <summary>
/// The outlines a map draws, as GeoJSON (WGS-84): the scope's own and every outlined jurisdiction and grid below it, each with
/// its code, name and level, from the reference data in force. Written with NetTopologySuite's GeoJSON converter.
/// </summary>
internal static class MapOutlines
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Of(Feeds.Reference.ReferenceBook reference, JurisdictionCode scope)
    {
        var edition = reference.Current;
        var features = new FeatureCollection();
        foreach (var (code, outline) in edition.Outlines.Where(o => scope.Contains(o.Key)).OrderBy(o => o.Key.Level).ThenBy(o => o.Key))
        {
            features.Add(new Feature(outline, new AttributesTable
            {
                { "code", code.Value },
                { "name", edition.Data.Tree.Find(code)?.Name ?? code.Value },
                { "level", code.Level.ToString() },
                { "depth", (int)code.Level - (int)scope.Level },
            }));
        }

        return JsonSerializer.Serialize(features, Json);
    }
}
