using System.Globalization;
using System.Xml.Linq;
using CommandCenter.Domain.Geo;
using NetTopologySuite.Geometries;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// The place a CAP alert's areas give: the centre of the first <c>circle</c> ("lat,lon radius"), else the centroid of the
/// first <c>polygon</c> ("lat,lon lat,lon …", closed, at least four points), computed by NetTopologySuite.
/// </summary>
internal static class CapArea
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static GeoPoint? Centre(IReadOnlyList<XElement> areas, List<IngestViolation> violations)
    {
        foreach (var (i, area) in areas.Index())
        {
            if (area.Element(CapAlertReader.Cap + "circle")?.Value.Trim() is { Length: > 0 } circle)
            {
                var parts = circle.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && Point(parts[0], parts[1]) is { } centre)
                {
                    return centre;
                }

                violations.Add(new($"info.area[{i}].circle", "must be 'lat,lon radius' with lat −90…90 and lon −180…180"));
                return null;
            }

            if (area.Element(CapAlertReader.Cap + "polygon")?.Value.Trim() is { Length: > 0 } polygon)
            {
                return Centroid(polygon, $"info.area[{i}].polygon", violations);
            }
        }

        return null;
    }

    private static GeoPoint? Centroid(string text, string field, List<IngestViolation> violations)
    {
        var pairs = text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var points = pairs.Take(1000).Select(p => p.Split(',')).Select(p => p.Length == 2 ? Point(p[0], p[1]) : null).ToList();
        if (pairs.Length is < 4 or > 1000 || points.Any(p => p is null) || points[0] != points[^1])
        {
            violations.Add(new(field, "must be 4 to 1000 'lat,lon' pairs separated by spaces, the last equal to the first"));
            return null;
        }

        var shape = Factory.CreatePolygon([.. points.Select(p => new Coordinate(p!.Value.Longitude, p.Value.Latitude))]);
        var centre = shape.IsValid ? shape.Centroid.Coordinate : shape.Envelope.Centroid.Coordinate;
        return new GeoPoint(centre.Y, centre.X);
    }

    private static GeoPoint? Point(string latitude, string longitude) =>
        double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) &&
        double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) &&
        double.IsFinite(lat) && double.IsFinite(lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180
            ? new GeoPoint(lat, lon) : null;
}
