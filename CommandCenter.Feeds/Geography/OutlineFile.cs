using System.Text.Json;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Reference;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.RelateNG;
using NetTopologySuite.Operation.Valid;

namespace CommandCenter.Feeds.Geography;

/// <summary>
/// <c>outlines.geojson</c>: a GeoJSON FeatureCollection (WGS-84, longitude then latitude) of jurisdiction outlines, each
/// feature a Polygon or MultiPolygon with a <c>code</c> property naming a jurisdiction in the tree. Refused, each naming
/// the feature's JSON path: an invalid or self-intersecting polygon, an unknown or repeated code, a grid reaching outside
/// its community's outline, and grids that overlap. Borders may touch; slivers from the rounding of shared edges are not
/// counted (see <see cref="Slack"/>).
/// </summary>
public static class OutlineFile
{
    /// <summary>
    /// The area (square degrees) below which a sliver outside the community or shared with another grid is taken for
    /// rounding of shared edges, not a mistake: 0.1 % of the grid, and at least 1e-9 (about 10 m² at these latitudes).
    /// </summary>
    public static double Slack(double gridArea) => Math.Max(1e-9, gridArea * 1e-3);

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    public static IReadOnlyDictionary<JurisdictionCode, Geometry> Read(string text, JurisdictionTree? tree, List<ReferenceProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        const string FileName = ReferenceFiles.OutlinesName;
        FeatureCollection? features;
        try
        {
            features = JsonSerializer.Deserialize<FeatureCollection>(text, GeoJson);
        }
        catch (JsonException ex)
        {
            problems.Add(new(FileName, ex.Path ?? "$", $"not GeoJSON: {ex.Message}"));
            return new Dictionary<JurisdictionCode, Geometry>();
        }

        var outlines = new Dictionary<JurisdictionCode, Geometry>();
        var where = new Dictionary<JurisdictionCode, string>();
        for (var i = 0; i < (features?.Count ?? 0); i++)
        {
            var path = $"$.features[{i}]";
            var feature = features![i];
            var codeText = feature.Attributes?.Exists("code") == true ? feature.Attributes["code"]?.ToString() : null;
            if (!JurisdictionCode.TryFrom(codeText, out var code, out var error))
            {
                problems.Add(new(FileName, $"{path}.properties.code", error));
                continue;
            }

            if (tree is not null && tree.Find(code) is null)
            {
                problems.Add(new(FileName, $"{path}.properties.code", $"{code} is not in {JurisdictionFile.Name}"));
                continue;
            }

            if (where.TryGetValue(code, out var first))
            {
                problems.Add(new(FileName, $"{path}.properties.code", $"{code}: a second outline (the first is {first})"));
                continue;
            }

            if (feature.Geometry is not (Polygon or MultiPolygon))
            {
                problems.Add(new(FileName, $"{path}.geometry", $"{code}: must be a Polygon or MultiPolygon, not {feature.Geometry?.GeometryType ?? "nothing"}"));
                continue;
            }

            if (new IsValidOp(feature.Geometry).ValidationError is { } invalid)
            {
                problems.Add(new(FileName, $"{path}.geometry", $"{code}: not a valid polygon: {invalid.Message} at {invalid.Coordinate}"));
                continue;
            }

            outlines[code] = feature.Geometry;
            where[code] = path;
        }

        CheckGrids(outlines, where, problems);
        return outlines;
    }

    /// <summary>The outlines as a FeatureCollection with a <c>code</c> and a <c>name</c> per feature, by code.</summary>
    public static string Write(IEnumerable<(JurisdictionCode Code, string Name, Geometry Outline)> outlines)
    {
        var collection = new FeatureCollection();
        foreach (var (code, name, outline) in outlines.OrderBy(o => o.Code))
        {
            collection.Add(new Feature(outline, new AttributesTable { { "code", code.Value }, { "name", name } }));
        }

        return JsonSerializer.Serialize(collection, GeoJson);
    }

    /// <summary>
    /// Each grid within its community, and no two grids overlapping, beyond a sliver of slack. Run on every read of the folder
    /// (each start), so the cheap tests go first with prepared geometry (RelateNG): a grid its community covers, or a pair
    /// whose interiors do not meet (neighbours sharing a border), costs no overlay; only the rest have their areas measured.
    /// </summary>
    private static void CheckGrids(Dictionary<JurisdictionCode, Geometry> outlines, Dictionary<JurisdictionCode, string> where, List<ReferenceProblem> problems)
    {
        const string FileName = ReferenceFiles.OutlinesName;
        var grids = outlines.Where(o => o.Key.Level == JurisdictionLevel.Grid).OrderBy(o => o.Key).ToList();
        var communities = new Dictionary<JurisdictionCode, RelateNG>();
        var covers = RelatePredicate.Covers();
        foreach (var (code, outline) in grids)
        {
            var community = code.AncestorAt(JurisdictionLevel.Community)!.Value;
            if (!outlines.TryGetValue(community, out var around))
            {
                continue;
            }

            if (!communities.TryGetValue(community, out var prepared))
            {
                communities[community] = prepared = RelateNG.Prepare(around);
            }

            if (!prepared.Evaluate(outline, covers) && outline.Difference(around).Area > Slack(outline.Area))
            {
                problems.Add(new(FileName, $"{where[code]}.geometry", $"{code}: the grid reaches outside its community {community}"));
            }
        }

        var index = new NetTopologySuite.Index.Strtree.STRtree<(JurisdictionCode Code, Geometry Outline)>();
        foreach (var grid in grids)
        {
            index.Insert(grid.Value.EnvelopeInternal, (grid.Key, grid.Value));
        }

        foreach (var (code, outline) in grids)
        {
            var prepared = RelateNG.Prepare(outline);
            foreach (var other in index.Query(outline.EnvelopeInternal))
            {
                if (string.CompareOrdinal(other.Code.Value, code.Value) > 0 && prepared.Evaluate(other.Outline, InteriorsMeet) &&
                    outline.Intersection(other.Outline).Area > Slack(Math.Min(outline.Area, other.Outline.Area)))
                {
                    problems.Add(new(FileName, $"{where[other.Code]}.geometry", $"{other.Code}: overlaps grid {code} ({where[code]})"));
                }
            }
        }
    }

    /// <summary>The DE-9IM pattern for interiors that intersect: neighbours sharing only a border do not match.</summary>
    private const string InteriorsMeet = "T********";
}
