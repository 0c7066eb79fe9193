using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// A Suzhou-like district for the embedded default and the tests: 虎丘区 (320505) with six streets and towns,
/// about twenty communities or villages each, and seven grids per community. Deterministic from the seed.
/// </summary>
public sealed class DemoDistrict
{
    public const string DistrictCode = "320505";

    private DemoDistrict(JurisdictionTree tree, IReadOnlyList<DemoCommunity> communities)
    {
        Tree = tree;
        Communities = communities;
    }

    public JurisdictionTree Tree { get; }

    public IReadOnlyList<DemoCommunity> Communities { get; }

    public static DemoDistrict Build(int seed = 12345, int communitiesPerStreet = 20, int gridsPerCommunity = 7)
    {
        var random = new Random(seed);
        var tree = new JurisdictionTree(new Jurisdiction(JurisdictionCode.From(DistrictCode), "虎丘区"));
        var communities = new List<DemoCommunity>();
        var stems = DemoNames.CommunityStems;
        var used = new Dictionary<string, int>();

        foreach (var (streetName, streetCode, lat, lon) in DemoNames.Streets)
        {
            var street = tree.Add(JurisdictionCode.From(DistrictCode + streetCode), streetName);
            var isTown = street.Code.IsTown;
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

        return new DemoDistrict(tree, communities);
    }
}

/// <summary>A community of the demo district with its grids and a centre point.</summary>
public sealed record DemoCommunity(
    JurisdictionCode Code,
    string Name,
    string StreetName,
    GeoPoint Centre,
    IReadOnlyList<JurisdictionCode> Grids);
