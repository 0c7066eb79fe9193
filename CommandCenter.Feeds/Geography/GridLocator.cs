using CommandCenter.Domain.Jurisdictions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace CommandCenter.Feeds.Geography;

/// <summary>
/// Which grid a point lies in (网格定位): grid outlines (WGS-84, longitude then latitude as GeoJSON has them) in an
/// STR-tree, each tested as a prepared polygon. A point on a border between grids goes to the lowest grid code; a point
/// outside every grid is in none. Built once per set of outlines; lookups are thread-safe.
/// </summary>
public sealed class GridLocator
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private readonly STRtree<Cell> _index = new();

    public GridLocator(IEnumerable<(JurisdictionCode Code, Geometry Outline)> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        foreach (var (code, outline) in grids)
        {
            if (outline is not (Polygon or MultiPolygon))
            {
                throw new ArgumentException($"grid {code}: the outline must be a Polygon or MultiPolygon, not {outline.GeometryType}", nameof(grids));
            }

            if (!outline.IsValid)
            {
                var problem = new NetTopologySuite.Operation.Valid.IsValidOp(outline).ValidationError;
                throw new ArgumentException($"grid {code}: the outline is not a valid polygon ({problem?.Message} at {problem?.Coordinate})", nameof(grids));
            }

            _index.Insert(outline.EnvelopeInternal, new Cell(code, PreparedGeometryFactory.Prepare(outline)));
            Count++;
        }

        _index.Build();
    }

    public int Count { get; }

    /// <summary>The grid the point lies in (the lowest code if on a border), or null when outside them all.</summary>
    public JurisdictionCode? Locate(double latitude, double longitude)
    {
        var point = Factory.CreatePoint(new Coordinate(longitude, latitude));
        JurisdictionCode? best = null;
        foreach (var cell in _index.Query(point.EnvelopeInternal))
        {
            if (cell.Outline.Covers(point) && (best is null || string.CompareOrdinal(cell.Code.Value, best.Value.Value) < 0))
            {
                best = cell.Code;
            }
        }

        return best;
    }

    /// <summary>
    /// Grid outlines from a GeoJSON FeatureCollection whose features carry a <c>code</c> property, read and checked by
    /// <see cref="OutlineFile"/> (the reference data's reader); refused whole, naming each problem.
    /// </summary>
    public static GridLocator FromGeoJson(string geoJson)
    {
        var problems = new List<Domain.Reference.ReferenceProblem>();
        var outlines = OutlineFile.Read(geoJson, tree: null, problems);
        return problems.Count > 0
            ? throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Where}: {p.Rule}")), nameof(geoJson))
            : new GridLocator(outlines.Where(o => o.Key.Level == JurisdictionLevel.Grid).Select(o => (o.Key, o.Value)));
    }

    private sealed record Cell(JurisdictionCode Code, IPreparedGeometry Outline);
}
