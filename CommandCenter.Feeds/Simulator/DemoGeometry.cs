using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// Synthetic but plausible outlines for the demo district (no real boundaries are available offline): a drawn district
/// outline, and each level's cells as the Voronoi cells of their centres clipped to the cell above, so streets partition
/// the district, communities their street and grids their community, without gaps or overlaps. Coordinates are rounded
/// to 1e-7° (about a centimetre) by snap-rounding overlay, which keeps every cell valid.
/// </summary>
internal static class DemoGeometry
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(1e7), 4326);

    /// <summary>A hand-drawn-looking outline around the street centres: their hull, widened and roughened.</summary>
    public static Geometry DistrictOutline(IEnumerable<(double Lat, double Lon)> centres, Random random)
    {
        var hull = Factory.CreateMultiPointFromCoords([.. centres.Select(c => new Coordinate(c.Lon, c.Lat))]).ConvexHull();
        var widened = hull.Buffer(0.035, 3);
        var ring = widened.Coordinates.SkipLast(1)
            .Select(c => new Coordinate(Round(c.X + (random.NextDouble() - 0.5) * 0.008), Round(c.Y + (random.NextDouble() - 0.5) * 0.008)))
            .ToList();
        ring.Add(ring[0].Copy());
        var drawn = Factory.CreatePolygon([.. ring]);
        return drawn.IsValid ? drawn : widened;
    }

    /// <summary>The Voronoi cell of each site, clipped to <paramref name="area"/>, in the order of the sites.</summary>
    public static IReadOnlyList<Geometry> Cells(IReadOnlyList<Coordinate> sites, Geometry area)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites.ToList());
        var envelope = new Envelope(area.EnvelopeInternal);
        envelope.ExpandBy(0.1);
        builder.ClipEnvelope = envelope;
        var cells = builder.GetDiagram(Factory);
        var result = new List<Geometry>(sites.Count);
        foreach (var site in sites)
        {
            var point = Factory.CreatePoint(site);
            var cell = Enumerable.Range(0, cells.NumGeometries).Select(cells.GetGeometryN).First(c => c.Covers(point));
            result.Add(Polygonal(cell.Intersection(area)));
        }

        return result;
    }

    /// <summary>A random point strictly inside the area (rejection sampling in its envelope).</summary>
    public static Coordinate PointIn(Geometry area, Random random)
    {
        var e = area.EnvelopeInternal;
        for (var i = 0; i < 10_000; i++)
        {
            var c = new Coordinate(Round(e.MinX + random.NextDouble() * e.Width), Round(e.MinY + random.NextDouble() * e.Height));
            if (area.Contains(Factory.CreatePoint(c)))
            {
                return c;
            }
        }

        return area.InteriorPoint.Coordinate;
    }

    private static double Round(double degrees) => Math.Round(degrees, 7);

    private static Geometry Polygonal(Geometry g)
    {
        if (g is Polygon or MultiPolygon)
        {
            return g;
        }

        var polygons = Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<Polygon>().ToArray();
        return polygons.Length == 1 ? polygons[0] : Factory.CreateMultiPolygon(polygons);
    }
}
