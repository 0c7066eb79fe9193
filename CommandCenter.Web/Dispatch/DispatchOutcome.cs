namespace CommandCenter.Web.Dispatch;

/// <summary>A dispatch as the user who asked for it is told: the unit, why it, and whether it had happened already.</summary>
public sealed record DispatchResult(string WorkOrderId, int Round, string UnitId, string UnitName, string Actor, DateTimeOffset At,
    IReadOnlyList<string> Reasons, bool AlreadyDispatched, IReadOnlyList<string>? Assisting = null, IReadOnlyList<string>? AssistingNames = null);

public enum DispatchStatus
{
    Dispatched = 0,

    /// <summary>The caller may not dispatch at all (role).</summary>
    Forbidden,

    /// <summary>No such order, or outside the caller's jurisdiction (the two are answered alike).</summary>
    NotFound,

    /// <summary>The request itself is wrong (key, unit); <see cref="DispatchOutcome.Field"/> names what.</summary>
    Invalid,

    /// <summary>The order is in a state that cannot be dispatched.</summary>
    Conflict,
}

public sealed record DispatchOutcome(DispatchStatus Status, DispatchResult? Result = null, string? Field = null, string? Problem = null)
{
    public static DispatchOutcome Done(DispatchResult result) => new(DispatchStatus.Dispatched, result);

    public static DispatchOutcome Invalid(string field, string problem) => new(DispatchStatus.Invalid, Field: field, Problem: problem);
}
