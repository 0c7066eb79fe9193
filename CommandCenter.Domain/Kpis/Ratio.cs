using System.Globalization;

namespace CommandCenter.Domain.Kpis;

/// <summary>A KPI as numerator over an explicit denominator; no value when nothing is due.</summary>
public readonly record struct Ratio(int Numerator, int Denominator)
{
    public double? Value => Denominator == 0 ? null : (double)Numerator / Denominator;

    /// <summary>"98.4%", or "—" when the denominator is zero.</summary>
    public string Percent => Value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public override string ToString() => $"{Percent} ({Numerator}/{Denominator})";
}
