using CommandCenter.Domain.Categories;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Sla;

/// <summary>
/// Deadline rules of a deployment and the calendar they run on: working time for normal orders,
/// wall-clock time for urgent ones.
/// </summary>
public sealed class SlaPolicy
{
    public SlaPolicy(IEnumerable<SlaRule> rules, WorkingCalendar calendar)
    {
        Rules = [.. rules];
        Calendar = calendar;
        foreach (var stage in new[] { SlaStage.Dispatch, SlaStage.SignOff, SlaStage.Handling, SlaStage.Verification })
        {
            if (!Rules.Any(r => r.Stage == stage && r.Category is null && r.Kind is null && r.Urgency is null))
            {
                throw new ArgumentException($"SLA rules need a catch-all limit for stage {stage}", nameof(rules));
            }
        }

        if (Rules.FirstOrDefault(r => r.Limit <= TimeSpan.Zero) is { } bad)
        {
            throw new ArgumentException($"SLA limit for {bad.Stage} must be positive, was {bad.Limit}", nameof(rules));
        }
    }

    public IReadOnlyList<SlaRule> Rules { get; }

    public WorkingCalendar Calendar { get; }

    public SlaTerms TermsFor(CategoryCode category, WorkOrderKind kind, Urgency urgency, SlaLimits? fixedLimits = null) =>
        new(this, category, kind, urgency, fixedLimits);

    /// <summary>
    /// The event with these rules' limits fixed into it, when it reports an order without them (at ingest, before the
    /// event is accepted); any other event as it is.
    /// </summary>
    public Events.FeedEvent WithLimitsFixed(Events.FeedEvent e) =>
        e.Payload is Events.WorkOrderReported { Report: { Sla: null } report }
            ? new Events.FeedEvent(e.Id, e.Source, e.OccurredAt, e.Scope,
                new Events.WorkOrderReported(report with { Sla = LimitsFor(report.Category, report.Kind, report.Urgency) }))
            : e;

    /// <summary>The limits these rules give an order now, to be fixed into its report.</summary>
    public SlaLimits LimitsFor(CategoryCode category, WorkOrderKind kind, Urgency urgency) => new(
        LimitFor(SlaStage.Dispatch, category, kind, urgency), LimitFor(SlaStage.SignOff, category, kind, urgency),
        LimitFor(SlaStage.Handling, category, kind, urgency), LimitFor(SlaStage.Verification, category, kind, urgency),
        WallClock: urgency == Urgency.Urgent);

    public TimeSpan LimitFor(SlaStage stage, CategoryCode category, WorkOrderKind kind, Urgency urgency)
    {
        SlaRule? best = null;
        foreach (var rule in Rules)
        {
            if (rule.Matches(stage, category, kind, urgency) && (best is null || rule.Specificity >= best.Specificity))
            {
                best = rule;
            }
        }

        return best?.Limit ?? throw new InvalidOperationException($"no SLA rule for stage {stage}");
    }
}
