using System.Globalization;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Units;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// <c>units.csv</c>, header <c>id,name,department,serves,latitude,longitude</c>: the units orders are dispatched to.
/// <c>serves</c> lists jurisdiction codes separated by <c>;</c>; the base location (WGS-84) is optional, both or neither.
/// </summary>
public static class UnitFile
{
    public const string Name = "units.csv";
    public const string Header = "id,name,department,serves,latitude,longitude";

    public static IReadOnlyList<Unit> Read(string text, JurisdictionTree? tree, IReadOnlyCollection<Department> departments, List<ReferenceProblem> problems)
    {
        var known = departments.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var units = new List<Unit>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvRows.Read(Name, text, Header, problems))
        {
            var before = problems.Count;
            void Fail(string rule) => problems.Add(new(Name, row.Where, rule));
            var (id, name, department) = (row[0], row[1], row[2]);
            if (!ReferenceIds.IsUnitId(id))
            {
                Fail($"unit id '{id}' must be 1–40 letters, digits, '-' or '_'");
                continue;
            }

            if (seen.TryGetValue(id, out var first))
            {
                Fail($"{id}: duplicate unit (already on line {first})");
                continue;
            }

            seen[id] = row.Line;
            if (name.Length is 0 or > 60)
            {
                Fail($"{id}: the name must be 1–60 characters");
            }

            if (!known.Contains(department))
            {
                Fail($"{id}: unknown department '{department}' (not in {DepartmentFile.Name})");
            }

            var serves = new List<JurisdictionCode>();
            foreach (var text1 in CsvRows.List(row[3]))
            {
                if (!JurisdictionCode.TryFrom(text1, out var code, out var error))
                {
                    Fail($"{id}: serves: {error}");
                }
                else if (tree is not null && tree.Find(code) is null)
                {
                    Fail($"{id}: serves {code}, which is not in {JurisdictionFile.Name}");
                }
                else
                {
                    serves.Add(code);
                }
            }

            if (CsvRows.List(row[3]).Count == 0)
            {
                Fail($"{id}: serves no jurisdiction");
            }

            var at = Location(row[4], row[5], id, Fail);
            if (problems.Count == before)
            {
                units.Add(new Unit(id, name, department, serves, at));
            }
        }

        return units;
    }

    public static string Write(IEnumerable<Unit> units) => ReferenceIds.Lines(Header, units.Select(u => string.Create(CultureInfo.InvariantCulture,
        $"{u.Id},{u.Name},{u.Department},{string.Join(';', u.Serves.Select(s => s.Value))},{u.Base?.Latitude:0.######},{u.Base?.Longitude:0.######}")));

    private static GeoPoint? Location(string latitude, string longitude, string id, Action<string> fail)
    {
        if (latitude.Length == 0 && longitude.Length == 0)
        {
            return null;
        }

        if (!double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90 ||
            !double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180)
        {
            fail($"{id}: latitude and longitude must both be given, as degrees (-90–90, -180–180), or both be empty");
            return null;
        }

        return new GeoPoint(lat, lon);
    }
}
