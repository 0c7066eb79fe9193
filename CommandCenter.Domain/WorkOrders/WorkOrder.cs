using CommandCenter.Domain.Sla;

namespace CommandCenter.Domain.WorkOrders;

/// <summary>
/// A work order (工单) and its closed loop: accept, dispatch, sign off, handle, verify, close, evaluate.
/// Every mutator checks the current state, refuses an invalid action with <see cref="WorkOrderTransitionException"/>,
/// and records the step on the timeline.
/// </summary>
public sealed partial class WorkOrder
{
    private readonly List<TimelineEntry> _timeline = [];
    private List<UnitPart> _parts = [];
    private SlaTerms _terms;
    private TimeSpan _extension;
    private TimeSpan _pausedInStage;

    private WorkOrder(WorkOrderReport report, SlaTerms terms, DateTimeOffset at, string actor)
    {
        Report = report;
        _terms = terms;
        Level = report.Scope.Level == Jurisdictions.JurisdictionLevel.District ? HandlingLevel.District : HandlingLevel.Street;
        ReportedAt = at;
        StartStage(SlaStage.Dispatch, at);
        _timeline.Add(new TimelineEntry(at, actor, WorkOrderAction.Report, WorkOrderState.Reported, WorkOrderState.Reported, null));
    }

    public WorkOrderReport Report { get; }

    public WorkOrderId Id => Report.Id;

    public WorkOrderState State { get; private set; }

    public WallBucket Bucket => State.ToBucket();

    public bool IsOpen => State.IsOpen();

    public Supervision Supervision { get; private set; }

    public DateTimeOffset ReportedAt { get; }

    public DateTimeOffset LastChangedAt { get; private set; }

    /// <summary>The lead unit (主办) currently responsible, after dispatch.</summary>
    public string? UnitId { get; private set; }

    /// <summary>The units of the current dispatch and their parts, the lead first (联动: 主办 and 协办).</summary>
    public IReadOnlyList<UnitPart> Parts => _parts;

    /// <summary>The level that handles the order: its street, or the district once escalated (两级指挥).</summary>
    public HandlingLevel Level { get; private set; }

    /// <summary>A dispute's mediation outcome (调解结果), given with the lead unit's report.</summary>
    public Categories.MediationOutcome? Mediation { get; private set; }

    /// <summary>The social-governance matter of its category (矛盾纠纷, 安全隐患, 特殊人群, 信访), or none.</summary>
    public Categories.GovernanceMatter Matter => Categories.GovernanceMatters.Of(Report.Category);

    /// <summary>The end of a safety hazard's rectification day (整改期限), on the calendar's clock; null without one.</summary>
    public DateTimeOffset? RectifyBy => Report.Matter?.RectifyBy is { } day ? _terms.EndOf(day) : null;

    /// <summary>
    /// A safety hazard with a rectification deadline: whether it was rectified (closed normally or as overdue, that is
    /// verified) by the end of that day; false once the day is over and it is not; null otherwise (no deadline, or still time).
    /// </summary>
    public bool? RectifiedOnTime(DateTimeOffset now)
    {
        if (Report.Matter?.RectifyBy is not { } day || State == WorkOrderState.Voided)
        {
            return null;
        }

        var deadline = RectifyBy!.Value;
        var rectifiedAt = Closure is ClosureType.Normal or ClosureType.Overdue ? ClosedAt : null;
        return rectifiedAt is { } at ? at <= deadline : now > deadline ? false : null;
    }

    /// <summary>Times the order was reopened after a dissatisfied rating (重办).</summary>
    public int ReopenCount { get; private set; }

    /// <summary>Parked (挂账/缓办): the clock is stopped and the order is not due to close.</summary>
    public bool IsParked => ParkedSince is not null;

    public DateTimeOffset? ParkedSince { get; private set; }

    public SlaStage Stage { get; private set; }

    public DateTimeOffset StageStartedAt { get; private set; }

    public DateTimeOffset? SignedOffAt { get; private set; }

    /// <summary>When the center took the order in (受理); null while it is only reported, or when it was voided instead.</summary>
    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public ClosureType? Closure { get; private set; }

    public Satisfaction? Satisfaction { get; private set; }

    public int DispatchCount { get; private set; }

    public int ReturnCount { get; private set; }

    public int ReworkCount { get; private set; }

    public int PostponeCount { get; private set; }

    /// <summary>True once any stage ran past its limit (超期).</summary>
    public bool EverOverdue { get; private set; }

    public bool? SignedOffOnTime { get; private set; }

    public bool? HandledOnTime { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    /// <summary>What a desk needs to know to offer only the actions the order will take.</summary>
    public OrderStanding Standing => new(State, IsParked, Level, LeadReported, _parts.Any(p => p.Role == UnitRole.Assisting && !p.IsDone), Satisfaction);

    /// <summary>Counts the order's time on this policy's calendar from now on (its fixed limits stay).</summary>
    internal void UsePolicy(SlaPolicy policy) =>
        _terms = policy.TermsFor(Report.Category, Report.Kind, Report.Urgency, Report.Sla);

    public static WorkOrder Reported(WorkOrderReport report, SlaPolicy policy, DateTimeOffset at, string actor)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.Title);
        return new WorkOrder(report, policy.TermsFor(report.Category, report.Kind, report.Urgency, report.Sla), at, actor)
        {
            LastChangedAt = at,
        };
    }

    /// <summary>Where the running stage stands against its limit at <paramref name="now"/>.</summary>
    public SlaStatus SlaAt(DateTimeOffset now)
    {
        if (Stage == SlaStage.None)
        {
            return SlaStatus.Stopped;
        }

        var limit = _terms.LimitOf(Stage) + (Stage == SlaStage.Handling ? _extension : TimeSpan.Zero);
        var elapsed = ElapsedInStage(now);
        var deadline = _terms.DeadlineFrom(StageStartedAt, limit + _pausedInStage);
        var fraction = elapsed.Ticks / (double)limit.Ticks;
        return new SlaStatus(Stage, limit, elapsed, deadline, fraction, SlaLights.ForFractionUsed(fraction), IsParked);
    }

    /// <summary>
    /// The first instant the running stage is past its limit (its light turns red, 超期); null when no limit runs or its
    /// clock is stopped (parked). A live index re-reads the order then instead of scanning every order every second.
    /// </summary>
    public DateTimeOffset? OverdueFrom => Stage == SlaStage.None || IsParked ? null :
        _terms.DeadlineFrom(StageStartedAt, _terms.LimitOf(Stage) + (Stage == SlaStage.Handling ? _extension : TimeSpan.Zero) +
            _pausedInStage + TimeSpan.FromTicks(1));

    /// <summary>
    /// The first instant the running stage has used <see cref="AutoSupervision.RedFrom"/> of its limit (a red card is due);
    /// null when no limit runs or its clock is stopped.
    /// </summary>
    public DateTimeOffset? RedCardFrom => Stage == SlaStage.None || IsParked ? null :
        _terms.DeadlineFrom(StageStartedAt, (_terms.LimitOf(Stage) + (Stage == SlaStage.Handling ? _extension : TimeSpan.Zero)) * AutoSupervision.RedFrom +
            _pausedInStage);

    /// <summary>
    /// The first instant the running stage has used <see cref="SlaLights.YellowFrom"/> of its limit (its light turns yellow);
    /// null when no limit runs or its clock is stopped.
    /// </summary>
    public DateTimeOffset? YellowFrom => Stage == SlaStage.None || IsParked ? null :
        _terms.DeadlineFrom(StageStartedAt, (_terms.LimitOf(Stage) + (Stage == SlaStage.Handling ? _extension : TimeSpan.Zero)) * SlaLights.YellowFrom +
            _pausedInStage);

    private TimeSpan ElapsedInStage(DateTimeOffset now)
    {
        var end = ParkedSince ?? now;
        var elapsed = _terms.Elapsed(StageStartedAt, end) - _pausedInStage;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }

    private void StartStage(SlaStage stage, DateTimeOffset at)
    {
        Stage = stage;
        StageStartedAt = at;
        _pausedInStage = TimeSpan.Zero;
        _extension = TimeSpan.Zero;
    }

    /// <summary>Ends the running stage and says whether it ended within its limit.</summary>
    private bool EndStage(DateTimeOffset at)
    {
        var onTime = Stage == SlaStage.None || SlaAt(at).Light != SlaLight.Red;
        EverOverdue |= !onTime;
        return onTime;
    }

    private void Move(DateTimeOffset at, string actor, WorkOrderAction action, WorkOrderState to, string? note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        _timeline.Add(new TimelineEntry(at, actor, action, State, to, note));
        if (State == WorkOrderState.Reported && to is not (WorkOrderState.Reported or WorkOrderState.Voided))
        {
            AcceptedAt ??= at;
        }

        State = to;
        LastChangedAt = at;
    }

    private void Require(WorkOrderAction action, params WorkOrderState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new WorkOrderTransitionException(Id, action,
                $"it is {State}; {action} needs {string.Join(" or ", allowed)}");
        }
    }

    private static string RequireText(string? text, WorkOrderId id, WorkOrderAction action, string what) =>
        string.IsNullOrWhiteSpace(text) ? throw new WorkOrderTransitionException(id, action, $"{what} is required") : text;
}
