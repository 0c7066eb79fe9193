using CommandCenter.Domain.Briefings;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>The analyst's briefing (分析研判) over the projected work-order table.</summary>
public interface IBriefingQueries : IStore
{
    /// <summary>
    /// The briefing for <paramref name="scope"/>'s subtree over orders reported in [<paramref name="from"/>,
    /// <paramref name="until"/>), as things stand at <paramref name="now"/>. One indexed range query; the counting
    /// is the domain's.
    /// </summary>
    Task<Briefing> BriefingAsync(JurisdictionCode scope, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now,
        Domain.Reference.ReferenceData reference, CancellationToken cancellationToken);
}

internal sealed class BriefingStore(Database database) : IBriefingQueries
{
    public async Task<Briefing> BriefingAsync(JurisdictionCode scope, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now,
        Domain.Reference.ReferenceData reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (until <= from)
        {
            throw new ArgumentException($"briefing window ends ({until:u}) before it starts ({from:u})", nameof(until));
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<BriefingRow>(new CommandDefinition("""
            SELECT id, title, category, scope, unit_id AS UnitId, urgency, supervision, state, parked, stage,
                stage_deadline_ms AS StageDeadlineMs, reported_at_ms AS ReportedAtMs, closed_at_ms AS ClosedAtMs, closure,
                satisfaction, dispatch_count AS DispatchCount, return_count AS ReturnCount, rework_count AS ReworkCount,
                postpone_count AS PostponeCount, ever_overdue AS EverOverdue, signed_off_on_time AS SignedOffOnTime,
                handled_on_time AS HandledOnTime, level, mediation, rectify_by_ms AS RectifyByMs
            FROM work_orders
            WHERE reported_at_ms >= @From AND reported_at_ms < @To AND scope LIKE @Prefix
            """, new { From = from.ToUnixTimeMilliseconds(), To = until.ToUnixTimeMilliseconds(), Prefix = scope.SubtreePrefix + "%" },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var nowMs = now.ToUnixTimeMilliseconds();
        var orders = rows.Select(r => r.ToOrder(nowMs)).ToList();
        return BriefingBuilder.Build(scope, from, until, orders, reference.Tree, reference.Categories);
    }

    private sealed class BriefingRow
    {
        public string Id { get; init; } = "";
        public string Title { get; init; } = "";
        public string Category { get; init; } = "";
        public string Scope { get; init; } = "";
        public string? UnitId { get; init; }
        public string Urgency { get; init; } = "";
        public string Supervision { get; init; } = "";
        public string State { get; init; } = "";
        public long Parked { get; init; }
        public string Stage { get; init; } = "";
        public long? StageDeadlineMs { get; init; }
        public long ReportedAtMs { get; init; }
        public long? ClosedAtMs { get; init; }
        public string? Closure { get; init; }
        public long? Satisfaction { get; init; }
        public long DispatchCount { get; init; }
        public long ReturnCount { get; init; }
        public long ReworkCount { get; init; }
        public long PostponeCount { get; init; }
        public long EverOverdue { get; init; }
        public long? SignedOffOnTime { get; init; }
        public long? HandledOnTime { get; init; }
        public string Level { get; init; } = nameof(HandlingLevel.Street);
        public string? Mediation { get; init; }
        public long? RectifyByMs { get; init; }

        public BriefingOrder ToOrder(long nowMs)
        {
            var state = Enum.Parse<WorkOrderState>(State);
            var facts = new WorkOrderFacts(state, Parked == 1, state.IsOpen() && StageDeadlineMs < nowMs, Enum.Parse<SlaStage>(Stage),
                Closure is null ? null : Enum.Parse<ClosureType>(Closure), Flag(HandledOnTime), Flag(SignedOffOnTime),
                (int)ReworkCount, (int)PostponeCount, (int)DispatchCount, (int)ReturnCount,
                Satisfaction is { } s ? (Satisfaction)s : null, Enum.Parse<HandlingLevel>(Level),
                GovernanceMatters.Of(CategoryCode.From(Category)), Mediation is null ? null : Enum.Parse<MediationOutcome>(Mediation),
                Rectified(state, nowMs));
            return new BriefingOrder(WorkOrderId.From(Id), Title, CategoryCode.From(Category), JurisdictionCode.From(Scope), UnitId,
                Enum.Parse<Urgency>(Urgency), Enum.Parse<Supervision>(Supervision), At(ReportedAtMs), ClosedAtMs is { } c ? At(c) : null,
                StageDeadlineMs is { } d ? At(d) : null, EverOverdue == 1, facts);
        }

        /// <summary>As <see cref="WorkOrder.RectifiedOnTime"/>: verified by the end of its day, or late once that has passed.</summary>
        private bool? Rectified(WorkOrderState state, long nowMs)
        {
            if (RectifyByMs is not { } by || state == WorkOrderState.Voided)
            {
                return null;
            }

            var verifiedAt = Closure is nameof(ClosureType.Normal) or nameof(ClosureType.Overdue) ? ClosedAtMs : null;
            return verifiedAt is { } at ? at <= by : nowMs > by ? false : null;
        }

        private static bool? Flag(long? value) => value is { } v ? v == 1 : null;

        private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }
}
