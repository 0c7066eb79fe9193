using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Units;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// A Suzhou-like district for the embedded default and the tests: 虎丘区 (320505) with six streets and towns,
/// about twenty communities or villages each, and seven grids per community. Deterministic from the seed.
/// </summary>
public sealed class DemoDistrict
{
    public const string DistrictCode = "320505";

    /// <summary>The units every street has: department, name suffix, id part.</summary>
    private static readonly (Department Department, string Suffix, string Id)[] StreetUnits =
    [
        (Department.Police, "派出所", "police"), (Department.CityManagement, "城管中队", "city"),
        (Department.Environment, "环保所", "env"), (Department.SafetySupervision, "安监办", "safety"),
        (Department.Housing, "建设管理所", "housing"), (Department.PropertyManagement, "物业服务中心", "property"),
        (Department.MarketSupervision, "市场监管所", "market"), (Department.Fire, "消防站", "fire"),
    ];

    private DemoDistrict(JurisdictionTree tree, IReadOnlyList<DemoCommunity> communities, IReadOnlyList<Unit> units)
    {
        Tree = tree;
        Communities = communities;
        Units = units;
    }

    /// <summary>The units orders are dispatched to: eight per street, and the district's fire and city-management brigades.</summary>
    public IReadOnlyList<Unit> Units { get; }

    public JurisdictionTree Tree { get; }

    public IReadOnlyList<DemoCommunity> Communities { get; }

    public static DemoDistrict Build(int seed = 12345, int communitiesPerStreet = 20, int gridsPerCommunity = 7)
    {
        var random = new Random(seed);
        var tree = new JurisdictionTree(new Jurisdiction(JurisdictionCode.From(DistrictCode), "虎丘区"));
        var communities = new List<DemoCommunity>();
        var stems = DemoNames.CommunityStems;
        var used = new Dictionary<string, int>();
        var units = new List<Unit>
        {
            new("U-district-fire", "虎丘区消防救援大队", Department.Fire, tree.Root.Code, new GeoPoint(31.310, 120.530)),
            new("U-district-city", "虎丘区城管大队", Department.CityManagement, tree.Root.Code, new GeoPoint(31.305, 120.540)),
        };

        foreach (var (streetName, streetCode, lat, lon) in DemoNames.Streets)
        {
            var street = tree.Add(JurisdictionCode.From(DistrictCode + streetCode), streetName);
            var isTown = street.Code.IsTown;
            foreach (var (index, (department, suffix, id)) in StreetUnits.Index())
            {
                // Around the street office, without touching the seeded random sequence the communities come from.
                var at = new GeoPoint(lat + 0.002 * Math.Cos(index), lon + 0.002 * Math.Sin(index));
                units.Add(new Unit($"U-{streetCode}-{id}", streetName + suffix, department, street.Code, at));
            }

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
                var centre = new GeoPoint(lat + (random.NextDouble() - 0.5) * 0.04, lon + (random.NextDouble() - 0.5) * 0.04);
                communities.Add(new DemoCommunity(code, name, street.Name, centre, grids));
            }
        }

        return new DemoDistrict(tree, communities, units);
    }
}

/// <summary>A community of the demo district with its grids and a centre point.</summary>
public sealed record DemoCommunity(
    JurisdictionCode Code,
    string Name,
    string StreetName,
    GeoPoint Centre,
    IReadOnlyList<JurisdictionCode> Grids);
