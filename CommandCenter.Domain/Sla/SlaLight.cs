namespace CommandCenter.Domain.Sla;

/// <summary>Traffic light of a running limit: green under 80 % used, yellow 80–100 %, red past it (超期).</summary>
public enum SlaLight
{
    None = 0,
    Green,
    Yellow,
    Red,
}

public static class SlaLights
{
    public const double YellowFrom = 0.8;

    public static SlaLight ForFractionUsed(double fraction) => fraction switch
    {
        double.NaN => SlaLight.None,
        > 1.0 => SlaLight.Red,
        >= YellowFrom => SlaLight.Yellow,
        _ => SlaLight.Green,
    };
}
