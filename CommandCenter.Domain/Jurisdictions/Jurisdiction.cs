namespace CommandCenter.Domain.Jurisdictions;

/// <summary>A named node of the administrative tree (e.g. 虎丘街道, 金色社区, a grid).</summary>
public sealed record Jurisdiction(JurisdictionCode Code, string Name)
{
    public JurisdictionLevel Level => Code.Level;
}
