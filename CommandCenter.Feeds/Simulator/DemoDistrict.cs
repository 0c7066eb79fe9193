using CommandCenter.Domain.Geo;
using CommandCenter.Domain.GridMembers;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Reference;
using CommandCenter.Domain.Units;
using CommandCenter.Feeds.Geography;
using CommandCenter.Feeds.Reference;
using NetTopologySuite.Geometries;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// Generates the demo district's reference data: a Suzhou-like district, 虎丘区 (320505), with six streets and towns,
/// about twenty communities or villages each and seven grids per community, their outlines (synthetic, see
/// <see cref="DemoGeometry"/>), units, catalogues, calendars and base statistics. Deterministic from the seed. The files
/// it writes are shipped in <c>wall-layouts/reference</c> for the embedded default; only the simulator and the tests use
/// this class, everything else reads reference data through <see cref="ReferenceBook"/>.
/// </summary>
public sealed class DemoDistrict
{
    public const string DistrictCode = "320505";
    public const string DistrictName = "虎丘区";

    /// <summary>The units every street has: department, name suffix, id part.</summary>
    private static readonly (string Department, string Suffix, string Id)[] StreetUnits =
    [
        ("police", "派出所", "police"), ("city", "城管中队", "city"), ("env", "环保所", "env"), ("safety", "安监办", "safety"),
        ("housing", "建设管理所", "housing"), ("property", "物业服务中心", "property"), ("market", "市场监管所", "market"),
        ("fire", "消防站", "fire"), ("justice", "司法所", "justice"), ("civil", "民政办", "civil"), ("petition", "信访办", "petition"),
    ];

    private readonly Dictionary<JurisdictionCode, Geometry> _outlines;
    private readonly Lazy<ReferenceEdition> _edition;

    private DemoDistrict(JurisdictionTree tree, IReadOnlyList<DemoCommunity> communities, IReadOnlyList<Unit> units,
        Dictionary<JurisdictionCode, Geometry> outlines, BaseStatistics statistics, IReadOnlyList<GridMember> members)
    {
        GridMembers = members;
        Tree = tree;
        Communities = communities;
        Units = units;
        _outlines = outlines;
        Statistics = statistics;
        _edition = new Lazy<ReferenceEdition>(() => ReferenceEdition.Read(Files()) is ({ } e, _) ? e
            : throw new InvalidOperationException("the demo district's reference files do not validate"));
    }

    /// <summary>The units orders are dispatched to: eight per street, and the district's fire and city-management brigades.</summary>
    public IReadOnlyList<Unit> Units { get; }

    public JurisdictionTree Tree { get; }

    public IReadOnlyList<DemoCommunity> Communities { get; }

    public BaseStatistics Statistics { get; }

    /// <summary>The grid members (网格员): one per grid, named from the seed.</summary>
    public IReadOnlyList<GridMember> GridMembers { get; }

    /// <summary>The district's reference data as it reads back from its files.</summary>
    public ReferenceEdition Edition => _edition.Value;

    public static DemoDistrict Build(int seed = 12345, int communitiesPerStreet = 20, int gridsPerCommunity = 7)
    {
        var random = new Random(seed);
        var shapes = new Random(seed ^ 0x5EED); // geometry draws apart, so names and codes stay what they were
        var tree = new JurisdictionTree(new Jurisdiction(JurisdictionCode.From(DistrictCode), DistrictName));
        var communities = new List<DemoCommunity>();
        var outlines = new Dictionary<JurisdictionCode, Geometry>();
        var figures = new Dictionary<JurisdictionCode, IReadOnlyDictionary<string, decimal>>();
        var stems = DemoNames.CommunityStems;
        var used = new Dictionary<string, int>();
        var units = new List<Unit>
        {
            new("U-district-fire", "虎丘区消防救援大队", "fire", tree.Root.Code, new GeoPoint(31.310, 120.530)),
            new("U-district-city", "虎丘区城管大队", "city", tree.Root.Code, new GeoPoint(31.305, 120.540)),
        };

        var district = DemoGeometry.DistrictOutline(DemoNames.Streets.Select(s => (s.Lat, s.Lon)), shapes);
        outlines[tree.Root.Code] = district;
        var streetCells = DemoGeometry.Cells([.. DemoNames.Streets.Select(s => new Coordinate(s.Lon, s.Lat))], district);
        foreach (var (streetIndex, (streetName, streetCode, lat, lon)) in DemoNames.Streets.Index())
        {
            var street = tree.Add(JurisdictionCode.From(DistrictCode + streetCode), streetName);
            outlines[street.Code] = streetCells[streetIndex];
            var isTown = street.Code.IsTown;
            foreach (var (index, (department, suffix, id)) in StreetUnits.Index())
            {
                // Around the street office, without touching the seeded random sequence the communities come from.
                var at = new GeoPoint(lat + 0.002 * Math.Cos(index), lon + 0.002 * Math.Sin(index));
                units.Add(new Unit($"U-{streetCode}-{id}", streetName + suffix, department, street.Code, at));
            }

            var streetCommunities = new List<(JurisdictionCode Code, string Name, List<JurisdictionCode> Grids)>();
            for (var i = 1; i <= communitiesPerStreet; i++)
            {
                var village = isTown && i > communitiesPerStreet / 2;
                var segment = village ? 200 + i : i;
                var stem = stems[random.Next(stems.Length)];
                used[stem] = used.GetValueOrDefault(stem) + 1;
                var name = stem + (used[stem] > 1 ? $"{used[stem]}" : "") + (village ? "村" : "社区");
                var code = JurisdictionCode.From($"{street.Code.Value}{segment:000}");
                tree.Add(code, name);
                var grids = Enumerable.Range(1, gridsPerCommunity)
                    .Select(g => tree.Add(JurisdictionCode.From($"{code.Value}{g:000}"), $"{name}第{g}网格").Code)
                    .ToList();
                _ = random.NextDouble() + random.NextDouble(); // the old centre draws: keeps later names as they were
                streetCommunities.Add((code, name, grids));
            }

            var sites = streetCommunities.Select(_ => DemoGeometry.PointIn(streetCells[streetIndex], shapes)).ToList();
            var cells = DemoGeometry.Cells(sites, streetCells[streetIndex]);
            foreach (var (c, (code, name, grids)) in streetCommunities.Index())
            {
                outlines[code] = cells[c];
                var gridCells = DemoGeometry.Cells([.. grids.Select(_ => DemoGeometry.PointIn(cells[c], shapes))], cells[c]);
                foreach (var (g, grid) in grids.Index())
                {
                    outlines[grid] = gridCells[g];
                }

                figures[code] = DemoCatalogues.CommunityFigures(shapes, grids.Count).ToDictionary(f => f.Figure, f => f.Value, StringComparer.Ordinal);
                communities.Add(new DemoCommunity(code, name, streetName, new GeoPoint(sites[c].Y, sites[c].X), grids));
            }
        }

        foreach (var parent in tree.All.Where(j => j.Code.Level < JurisdictionLevel.Community).Select(j => j.Code).ToList())
        {
            figures[parent] = figures.Where(f => f.Key.Level == JurisdictionLevel.Community && parent.Contains(f.Key))
                .SelectMany(f => f.Value).GroupBy(f => f.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(f => f.Value), StringComparer.Ordinal);
        }

        var people = new Random(seed ^ 0x6D6D); // names of people apart too
        var members = communities.SelectMany(c => c.Grids.Select((grid, g) => new GridMember(
            $"GM-{grid.Value[6..]}", DemoNames.Surnames[people.Next(DemoNames.Surnames.Length)] + DemoNames.GivenNames[people.Next(DemoNames.GivenNames.Length)],
            $"139{people.Next(10_000_000, 99_999_999)}", grid, $"{c.Name}网格组"))).ToList();
        return new DemoDistrict(tree, communities, units, outlines, new BaseStatistics(figures), members);
    }

    /// <summary>The outline of a jurisdiction of the district.</summary>
    public Geometry OutlineOf(JurisdictionCode code) => _outlines[code];

    /// <summary>A random point inside a grid (or any jurisdiction) of the district.</summary>
    public GeoPoint PointIn(JurisdictionCode code, Random random)
    {
        var c = DemoGeometry.PointIn(_outlines[code], random);
        return new GeoPoint(c.Y, c.X);
    }

    /// <summary>The district's reference files, as shipped in <c>wall-layouts/reference</c>.</summary>
    public IReadOnlyDictionary<string, string> Files()
    {
        var data = new ReferenceData(Tree, DemoCatalogues.Departments, Units, DemoCatalogues.Categories, DemoCatalogues.Dispatch,
            new Domain.Sla.SlaPolicy(DemoCatalogues.SlaRules(Domain.Sla.WorkingCalendar.ChinaOfficeHours.WorkingDayLength),
                CalendarFile.Calendar(DemoCatalogues.Holidays())),
            [.. DemoCatalogues.Holidays()], Statistics, GridMembers);
        var files = ReferenceFiles.Write(data).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        files[ReferenceFiles.OutlinesName] = OutlineFile.Write(_outlines.Select(o => (o.Key, Tree.Find(o.Key)!.Name, o.Value)));
        return files;
    }
}

/// <summary>A community of the demo district with its grids and a centre point (inside its outline).</summary>
public sealed record DemoCommunity(
    JurisdictionCode Code,
    string Name,
    string StreetName,
    GeoPoint Centre,
    IReadOnlyList<JurisdictionCode> Grids);
