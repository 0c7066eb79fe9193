namespace CommandCenter.Domain.Situation;

public enum ApplyResult
{
    Applied = 0,

    /// <summary>The event id was seen before (at-least-once delivery).</summary>
    Duplicate,

    /// <summary>Telemetry older than what the projection already holds (latest wins).</summary>
    Stale,

    /// <summary>The event contradicts the projection (unknown order, refused transition); the reason says how.</summary>
    Rejected,
}

/// <summary>What applying one event did, with the reason when it was rejected.</summary>
public readonly record struct ApplyOutcome(ApplyResult Result, string? Reason = null)
{
    public static ApplyOutcome Applied { get; } = new(ApplyResult.Applied);

    public static ApplyOutcome Duplicate { get; } = new(ApplyResult.Duplicate);

    public static ApplyOutcome Stale { get; } = new(ApplyResult.Stale);

    public static ApplyOutcome Rejected(string reason) => new(ApplyResult.Rejected, reason);
}
