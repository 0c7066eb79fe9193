using System.Security.Claims;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Dispatch;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Security;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Units;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Dispatch;

/// <summary>
/// The one dispatch path behind the wall button, the desk, <c>POST /api/incidents/{id}/dispatch</c> and the hub's
/// <c>Dispatch</c>: role and jurisdiction checked here, the recommendation worked out here, and the dispatch, its audit
/// row and its events stored in one transaction under the caller's idempotency key, then published.
/// </summary>
public sealed class DispatchService(LiveSituation live, IDispatchStore store, ScopeGuard guard, Feeds.Reference.ReferenceBook reference,
    OutboxPublisher outbox, TimeProvider time)
{
    public const string Source = "dispatch";

    /// <summary>The recommendation for an order the user may see; null when it is not there or not theirs.</summary>
    public DispatchRecommendation? Recommend(ClaimsPrincipal user, WorkOrderId id)
    {
        var card = live.CardOf(id);
        return card is null || !ScopeGuard.Allows(user, card.Scope) ? null : Recommend(card);
    }

    public DispatchRecommendation Recommend(WorkOrderCard card)
    {
        var load = live.UnitLoad();
        var data = reference.Current.Data;
        return DispatchRecommender.Recommend(card, data.Dispatch, data.Units, load, data.DepartmentName);
    }

    /// <summary>
    /// Dispatches to <paramref name="unitId"/> (the recommended lead when null) with <paramref name="assisting"/> units (协办;
    /// when null, the best unit of each assisting department the dispatch catalogue names; empty for none).
    /// </summary>
    public async Task<DispatchOutcome> DispatchAsync(ClaimsPrincipal user, string workOrderId, string? idempotencyKey, string? unitId,
        string via, CancellationToken cancellationToken, IReadOnlyList<string>? assisting = null)
    {
        var what = $"{via}: dispatch {workOrderId}";
        if (!user.Can(Permission.Dispatch))
        {
            await guard.DeniedAsync(user, what, $"role {user.Role()} may not dispatch", cancellationToken).ConfigureAwait(false);
            return new DispatchOutcome(DispatchStatus.Forbidden, Problem: "this account may not dispatch");
        }

        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length is < 8 or > 100 ||
            !idempotencyKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return DispatchOutcome.Invalid("Idempotency-Key", "must be 8–100 letters, digits, '-' or '_', one per dispatch dialog");
        }

        if (!WorkOrderId.TryFrom(workOrderId, out var id, out _) || live.CardOf(id) is not { } card)
        {
            return new DispatchOutcome(DispatchStatus.NotFound, Problem: $"no work order '{workOrderId}'");
        }

        if (!ScopeGuard.Allows(user, card.Scope))
        {
            await guard.DeniedAsync(user, what, $"{card.Scope} is outside {user.Jurisdiction()}", cancellationToken).ConfigureAwait(false);
            return new DispatchOutcome(DispatchStatus.NotFound, Problem: $"no work order '{workOrderId}'");
        }

        if (await store.FindDispatchAsync(idempotencyKey, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay.WorkOrderId == card.Id.Value
                ? DispatchOutcome.Done(ResultOf(replay, alreadyDispatched: true))
                : DispatchOutcome.Invalid("Idempotency-Key", "was already used to dispatch another order");
        }

        if (card.State is not (WorkOrderState.Reported or WorkOrderState.Accepted or WorkOrderState.Escalated))
        {
            // Dispatched already (by another click, node or operator): everyone gets that dispatch back.
            return await store.LatestDispatchAsync(card.Id.Value, cancellationToken).ConfigureAwait(false) is { } latest && latest.Round == card.DispatchCount
                ? DispatchOutcome.Done(ResultOf(latest, alreadyDispatched: true))
                : new DispatchOutcome(DispatchStatus.Conflict, Field: "state", Problem: $"the order is {card.State} and cannot be dispatched now");
        }

        if (CommandLevels.Refusal(user, card, WorkOrderAction.Dispatch) is { } levelProblem)
        {
            return new DispatchOutcome(DispatchStatus.Conflict, Field: "level", Problem: levelProblem);
        }

        var recommendation = Recommend(card);
        var chosen = unitId is null ? recommendation.Best : recommendation.Candidates.FirstOrDefault(c => c.Unit.Id == unitId);
        if (chosen is null)
        {
            return unitId is null
                ? new DispatchOutcome(DispatchStatus.Conflict, Field: "unitId", Problem: "no unit in the dispatch catalogue handles this category")
                : DispatchOutcome.Invalid("unitId", reference.Current.Data.FindUnit(unitId) is null ? $"no unit '{unitId}'" : $"{unitId} does not handle this category");
        }

        var (helpers, helperProblem) = Assisting(assisting, recommendation, chosen.Unit);
        if (helperProblem is not null)
        {
            return DispatchOutcome.Invalid("assisting", helperProblem);
        }

        var now = time.GetUtcNow();
        var round = card.DispatchCount + 1;
        var actor = user.Id();
        var events = new List<FeedEvent>();
        if (card.State == WorkOrderState.Reported)
        {
            events.Add(new FeedEvent($"{card.Id.Value}-r{round}-accept", Source, now, card.Scope,
                new WorkOrderActed(card.Id, WorkOrderAction.Accept, actor)));
        }

        events.Add(new FeedEvent($"{card.Id.Value}-r{round}-dispatch", Source, now, card.Scope,
            new WorkOrderActed(card.Id, WorkOrderAction.Dispatch, actor, UnitId: chosen.Unit.Id, Assisting: helpers.Count == 0 ? null : helpers)));
        var proposed = new DispatchRecord
        {
            IdempotencyKey = idempotencyKey, WorkOrderId = card.Id.Value, Round = round, UnitId = chosen.Unit.Id, UnitName = chosen.Unit.Name,
            Actor = actor, AtMs = now.ToUnixTimeMilliseconds(), Reasons = string.Join('\n', chosen.Reasons), Assisting = string.Join('\n', helpers),
        };
        var audit = new AuditRecord(actor, "work-order.dispatch", card.Id.Value,
            $"{chosen.Unit.Name} ({chosen.Unit.Id}){(helpers.Count == 0 ? "" : $", 协办 {string.Join(", ", helpers)}")}, round {round}, via {via}");
        var (stored, created) = await store.RecordDispatchAsync(proposed, events, audit, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            await outbox.PublishAsync(events, CancellationToken.None).ConfigureAwait(false);
        }

        return DispatchOutcome.Done(ResultOf(stored, alreadyDispatched: !created));
    }

    /// <summary>The assisting units: those asked for (each a known unit other than the lead), or the catalogue's.</summary>
    private (IReadOnlyList<string> Units, string? Problem) Assisting(IReadOnlyList<string>? asked, DispatchRecommendation recommendation,
        Domain.Units.Unit lead)
    {
        if (asked is null)
        {
            return ([.. recommendation.AssistingBest.Select(c => c.Unit).Where(u => u.Id != lead.Id && u.Department != lead.Department).Select(u => u.Id)], null);
        }

        if (asked.Count > 10)
        {
            return ([], "at most 10 assisting units");
        }

        foreach (var id in asked)
        {
            if (string.IsNullOrWhiteSpace(id) || reference.Current.Data.FindUnit(id) is null)
            {
                return ([], $"no unit '{id}'");
            }

            if (id == lead.Id)
            {
                return ([], $"{id} is the lead unit and cannot also assist");
            }
        }

        var distinct = asked.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == asked.Count ? (distinct, null) : ([], "an assisting unit is named twice");
    }

    private DispatchResult ResultOf(DispatchRecord r, bool alreadyDispatched)
    {
        string[] assisting = r.Assisting.Length == 0 ? [] : r.Assisting.Split('\n');
        return new(r.WorkOrderId, (int)r.Round, r.UnitId, r.UnitName, r.Actor, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Reasons.Split('\n'),
            alreadyDispatched, assisting, [.. assisting.Select(id => reference.Current.Data.FindUnit(id)?.Name ?? id)]);
    }
}
