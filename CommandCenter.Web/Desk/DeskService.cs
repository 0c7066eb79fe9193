using System.Security.Claims;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Security;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Desk;

/// <summary>What a desk user asks for: the action and what it needs (a reason, an extension and its approver, …).</summary>
/// <remarks>
/// 延期 (Postpone) is approved by a commander of the order's jurisdiction in person: <paramref name="ApprovedBy"/> is the
/// commander's account and <paramref name="ApproverPassword"/> its password, checked like a sign-in and never stored.
/// <paramref name="UnitId"/> is the lead unit of a dispatch, the assisting unit whose part is signed or reported (签收/办结反馈 of a
/// 协办), or the assisting unit released; <paramref name="Assisting"/> a dispatch's assisting units (null: the catalogue's).
/// </remarks>
public sealed record DeskCommand(WorkOrderAction Action, string? Note = null, Supervision? Level = null, Satisfaction? Satisfaction = null,
    TimeSpan? Extension = null, string? ApprovedBy = null, ClosureType? Closure = null, string? UnitId = null, string? ApproverPassword = null,
    IReadOnlyList<string>? Assisting = null, Domain.Categories.MediationOutcome? Mediation = null)
{
    public override string ToString() => $"{Action} {Note} {Extension} {ApprovedBy}"; // never the password
}

/// <summary>
/// Every work-order action of the desk (受理, 签收, 退回, 办结反馈, 核查, 延期, 挂起, 结案, 评价, 督办 …): role,
/// jurisdiction and the state machine checked here; the action's event and its audit row stored together under the
/// dialog's key (a repeated click is one action), then published for every wall and desk.
/// </summary>
public sealed class DeskService(LiveSituation live, IDispatchStore store, ScopeGuard guard, DispatchService dispatch, OutboxPublisher outbox,
    AccountService accounts, TimeProvider time)
{
    public const string Source = "desk";

    public async Task<DispatchOutcome> ActAsync(ClaimsPrincipal user, string workOrderId, DeskCommand command, string key, string via,
        CancellationToken cancellationToken)
    {
        if (command.Action == WorkOrderAction.Dispatch)
        {
            return await dispatch.DispatchAsync(user, workOrderId, key, command.UnitId, via, cancellationToken, command.Assisting).ConfigureAwait(false);
        }

        var what = $"{via}: {command.Action} {workOrderId}";
        if (!user.Can(Permission.ActOnOrders))
        {
            await guard.DeniedAsync(user, what, $"role {user.Role()} may not act on orders", cancellationToken).ConfigureAwait(false);
            return new DispatchOutcome(DispatchStatus.Forbidden, Problem: "this account may not act on orders");
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

        if (string.IsNullOrWhiteSpace(key) || key.Length is < 8 or > 100 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return DispatchOutcome.Invalid("key", "must be 8–100 letters, digits, '-' or '_', one per action dialog");
        }

        var eventId = $"{card.Id.Value}-{command.Action.ToString().ToLowerInvariant()}-{key}";
        var actor = user.Id();
        if (await store.HasRecordedAsync(eventId, cancellationToken).ConfigureAwait(false))
        {
            return Done(card, command, actor); // the same dialog's action again: done already, whatever the state is now
        }

        if (PartProblem(card, command) is { } partProblem)
        {
            return new DispatchOutcome(DispatchStatus.Conflict, Field: "unitId", Problem: partProblem);
        }

        if (!IsPartAction(card, command) && !WorkOrderRules.Allowed(card.Standing()).Contains(command.Action))
        {
            return new DispatchOutcome(DispatchStatus.Conflict, Field: "state",
                Problem: $"the order is {card.State}{(card.Parked ? " (parked)" : "")}; {WorkOrderRules.NameOf(command.Action)} is not possible now");
        }

        if (CommandLevels.Refusal(user, card, command.Action) is { } levelProblem)
        {
            return new DispatchOutcome(DispatchStatus.Conflict, Field: "level", Problem: levelProblem);
        }

        if (Check(command) is { } invalid)
        {
            return invalid;
        }

        if (command.Action == WorkOrderAction.ReportDone && !IsPartAction(card, command) && command.Mediation is null
            && Domain.Categories.GovernanceMatters.Of(card.Category) == Domain.Categories.GovernanceMatter.Dispute)
        {
            return DispatchOutcome.Invalid("mediation", "a dispute (矛盾纠纷) is reported done with its mediation outcome");
        }

        var approvedBy = command.ApprovedBy?.Trim();
        if (command.Action == WorkOrderAction.Postpone)
        {
            var (approver, problem) = await accounts.ApproveAsync(approvedBy!, command.ApproverPassword ?? "", actor, card.Scope,
                $"延期 {card.Id.Value} +{command.Extension}", cancellationToken).ConfigureAwait(false);
            if (approver is null)
            {
                return DispatchOutcome.Invalid("approvedBy", problem!);
            }

            approvedBy = approver; // the verified account, not what was typed
        }

        var feedEvent = new FeedEvent(eventId, Source, time.GetUtcNow(), card.Scope,
            new WorkOrderActed(card.Id, command.Action, actor, command.Note?.Trim(), UnitId: IsPartAction(card, command) || command.Action == WorkOrderAction.Release ? command.UnitId : null,
                Supervision: command.Level, Satisfaction: command.Satisfaction,
                Extension: command.Extension, ApprovedBy: approvedBy, Mediation: command.Action == WorkOrderAction.ReportDone ? command.Mediation : null, Closure: command.Action == WorkOrderAction.Close ? command.Closure ?? ClosureType.Normal : null));
        var audit = new AuditRecord(actor, $"work-order.{command.Action.ToString().ToLowerInvariant()}", card.Id.Value,
            string.Join(", ", new[] { command.UnitId, command.Note, command.Level?.ToString(), command.Satisfaction?.ToString(), command.Extension?.ToString(),
                approvedBy is null ? null : $"approved by {approvedBy} (password checked)", $"via {via}" }
                .Where(s => !string.IsNullOrWhiteSpace(s))));
        if (await store.RecordActionAsync(feedEvent, audit, cancellationToken).ConfigureAwait(false))
        {
            await outbox.PublishAsync([feedEvent], cancellationToken).ConfigureAwait(false);
        }

        return Done(card, command, actor);
    }

    private DispatchOutcome Done(Domain.Situation.WorkOrderCard card, DeskCommand command, string actor) =>
        DispatchOutcome.Done(new DispatchResult(card.Id.Value, card.DispatchCount, card.UnitId ?? "", "", actor, time.GetUtcNow(),
            [WorkOrderRules.NameOf(command.Action)], AlreadyDispatched: false));

    /// <summary>An assisting unit's own sign-off or report (联动), rather than the lead's.</summary>
    private static bool IsPartAction(Domain.Situation.WorkOrderCard card, DeskCommand command) =>
        command.Action is WorkOrderAction.SignOff or WorkOrderAction.ReportDone && command.UnitId is { } unit && unit != card.UnitId;

    /// <summary>Why an assisting unit's step (or its release) cannot be taken now; null when it can or is not one.</summary>
    private static string? PartProblem(Domain.Situation.WorkOrderCard card, DeskCommand command)
    {
        if (!IsPartAction(card, command) && command.Action != WorkOrderAction.Release)
        {
            return null;
        }

        var part = card.Parts().FirstOrDefault(p => p.UnitId == command.UnitId && p.Role == UnitRole.Assisting);
        if (part is null)
        {
            return $"{command.UnitId ?? "(none)"} is not an assisting unit of this order";
        }

        if (card.State is not (WorkOrderState.Dispatched or WorkOrderState.InProgress))
        {
            return $"the order is {card.State}; its units' parts are closed";
        }

        return (command.Action, part) switch
        {
            (_, { IsDone: true }) => $"{part.UnitId} has {(part.ReleasedAt is null ? "reported" : "been released")} already",
            (WorkOrderAction.SignOff, { SignedOffAt: not null }) => $"{part.UnitId} has signed already",
            (WorkOrderAction.ReportDone, { SignedOffAt: null }) => $"{part.UnitId} has not signed yet",
            _ => null,
        };
    }

    private static DispatchOutcome? Check(DeskCommand command)
    {
        if (WorkOrderRules.NeedsReason(command.Action) && string.IsNullOrWhiteSpace(command.Note))
        {
            return DispatchOutcome.Invalid("note", $"{WorkOrderRules.NameOf(command.Action)} needs a reason");
        }

        if (command.Note is { Length: > 500 } || command.Note?.Any(c => char.IsControl(c) && c is not '\n') == true)
        {
            return DispatchOutcome.Invalid("note", "must be at most 500 characters without control characters");
        }

        return command.Action switch
        {
            WorkOrderAction.Postpone when command.Extension is not { } e || e < TimeSpan.FromHours(1) || e > TimeSpan.FromDays(30) =>
                DispatchOutcome.Invalid("extension", "延期 needs an extension of 1 hour to 30 days"),
            WorkOrderAction.Postpone when string.IsNullOrWhiteSpace(command.ApprovedBy) || string.IsNullOrEmpty(command.ApproverPassword) =>
                DispatchOutcome.Invalid("approvedBy", "延期 needs the approving commander's account and password"),
            WorkOrderAction.Supervise when command.Level is not (Supervision.Yellow or Supervision.Red) =>
                DispatchOutcome.Invalid("level", "督办 is yellow or red"),
            WorkOrderAction.Evaluate when command.Satisfaction is null || !Enum.IsDefined(command.Satisfaction.Value) =>
                DispatchOutcome.Invalid("satisfaction", "评价 needs a satisfaction of 1–5"),
            _ => null,
        };
    }
}
