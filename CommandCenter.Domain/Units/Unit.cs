using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Units;

/// <summary>
/// A kind of responsible department (公安, 城管, 市场监管, …) as a center's reference data names it: an open set, so a city
/// adds its own (水务, 供电, …) without a code change. The dispatch catalogue names departments; units belong to one.
/// </summary>
public sealed record Department(string Id, string Name);

/// <summary>
/// A responsible unit (e.g. 狮山横塘街道城管中队) that orders are dispatched to: its department, the jurisdictions it serves
/// (one or more subtrees) and where it is based.
/// </summary>
public sealed record Unit(string Id, string Name, string Department, IReadOnlyList<JurisdictionCode> Serves, GeoPoint? Base = null)
{
    public Unit(string id, string name, string department, JurisdictionCode serves, GeoPoint? at = null)
        : this(id, name, department, [serves], at)
    {
    }

    /// <summary>True when the place lies in a jurisdiction the unit serves.</summary>
    public bool ServesPlace(JurisdictionCode scope) => Serves.Any(s => s.Contains(scope));

    /// <summary>How local the unit is: the deepest level it serves (a street's squad before the district's brigade).</summary>
    public JurisdictionLevel Locality => Serves.Count == 0 ? JurisdictionLevel.Province : Serves.Max(s => s.Level);
}
