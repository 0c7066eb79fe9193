namespace CommandCenter.Domain.Sla;

/// <summary>A running limit at one instant: how much is used, the deadline, the traffic light.</summary>
public sealed record SlaStatus(
    SlaStage Stage,
    TimeSpan Limit,
    TimeSpan Elapsed,
    DateTimeOffset? Deadline,
    double FractionUsed,
    SlaLight Light,
    bool Paused)
{
    public static SlaStatus Stopped { get; } = new(SlaStage.None, TimeSpan.Zero, TimeSpan.Zero, null, double.NaN, SlaLight.None, false);

    public bool IsOverdue => Light == SlaLight.Red;
}
