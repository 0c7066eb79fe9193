namespace CommandCenter.Domain.Sla;

/// <summary>
/// The limits an order was reported under, fixed into its report event (时限): each stage's limit, and whether its time
/// runs on the wall clock (urgent) or the working calendar. A replay a year later, after the rules were changed, gives
/// the order the same deadlines and lights it had.
/// </summary>
public sealed record SlaLimits(TimeSpan Dispatch, TimeSpan SignOff, TimeSpan Handling, TimeSpan Verification, bool WallClock)
{
    public TimeSpan LimitOf(SlaStage stage) => stage switch
    {
        SlaStage.Dispatch => Dispatch,
        SlaStage.SignOff => SignOff,
        SlaStage.Handling => Handling,
        SlaStage.Verification => Verification,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "a stage without a limit"),
    };
}
