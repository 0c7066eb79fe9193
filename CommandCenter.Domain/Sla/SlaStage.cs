namespace CommandCenter.Domain.Sla;

/// <summary>The timed stages of a work order, each with its own limit.</summary>
public enum SlaStage
{
    /// <summary>No clock runs (closed, voided).</summary>
    None = 0,

    /// <summary>Accept and dispatch (受理派遣), from report to dispatch.</summary>
    Dispatch,

    /// <summary>Sign-off by the unit (签收), from dispatch.</summary>
    SignOff,

    /// <summary>Handling (处置), from sign-off (or rework) to the unit's done report.</summary>
    Handling,

    /// <summary>Verification (核查), from the done report to verify ok or rework.</summary>
    Verification,
}
