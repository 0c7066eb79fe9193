namespace CommandCenter.Domain.WorkOrders;

/// <summary>主办 (the lead unit, which answers for the order) or 协办 (an assisting unit with its own part).</summary>
public enum UnitRole
{
    Lead = 0,
    Assisting,
}

/// <summary>
/// One unit's part in an order's current dispatch (联动): its own sign-off and report. An assisting unit the center no
/// longer needs is released instead of reporting.
/// </summary>
public sealed record UnitPart(string UnitId, UnitRole Role, DateTimeOffset? SignedOffAt = null, DateTimeOffset? ReportedAt = null,
    DateTimeOffset? ReleasedAt = null)
{
    /// <summary>Reported, or released: nothing more is waited for from this unit.</summary>
    public bool IsDone => ReportedAt is not null || ReleasedAt is not null;
}
