namespace CommandCenter.Domain.Jurisdictions;

/// <summary>Levels of the administrative tree, top down (省/市/区/街道·镇/社区·村/网格).</summary>
public enum JurisdictionLevel
{
    Province = 0,
    City = 1,
    District = 2,
    Street = 3,
    Community = 4,
    Grid = 5,
}
