using System.Security.Claims;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.GridMembers;
using CommandCenter.Domain.Security;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Tasks;

/// <summary>
/// Grid members' tasks: the center asks the member of an order's grid to verify it (核查); an elderly resident's alarm
/// sends the member of its grid to visit (走访, by rule, once whichever node sees it first); the member's app reports a task
/// done. Each is an event stored with its audit row (outbox), applied by every node.
/// </summary>
public sealed partial class GridTaskService(LiveSituation live, Feeds.Reference.ReferenceBook reference, IDispatchStore store, ScopeGuard guard,
    OutboxPublisher outbox, StoreGate gate, TimeProvider time, ILogger<GridTaskService> logger) : BackgroundService
{
    public const string Source = "tasks";

    /// <summary>核查: a verification task for the member of the order's grid, under the dialog's key.</summary>
    public async Task<DispatchOutcome> AssignVerifyAsync(ClaimsPrincipal user, string workOrderId, string? note, string key, CancellationToken cancellationToken)
    {
        if (!user.Can(Permission.ActOnOrders))
        {
            await guard.DeniedAsync(user, $"verify task {workOrderId}", $"role {user.Role()} may not act on orders", cancellationToken).ConfigureAwait(false);
            return new DispatchOutcome(DispatchStatus.Forbidden, Problem: "this account may not act on orders");
        }

        if (!WorkOrderId.TryFrom(workOrderId, out var id, out _) || live.CardOf(id) is not { } card || !ScopeGuard.Allows(user, card.Scope))
        {
            return new DispatchOutcome(DispatchStatus.NotFound, Problem: $"no work order '{workOrderId}'");
        }

        if (string.IsNullOrWhiteSpace(key) || key.Length is < 8 or > 100 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return DispatchOutcome.Invalid("key", "must be 8–100 letters, digits, '-' or '_', one per dialog");
        }

        if (note is { Length: > 500 })
        {
            return DispatchOutcome.Invalid("note", "must be at most 500 characters");
        }

        if (!card.State.IsOpen())
        {
            return new DispatchOutcome(DispatchStatus.Conflict, Field: "state", Problem: $"the order is {card.State}; only open orders are verified");
        }

        if (GridTask.MemberFor(card.Scope, reference.Current.Data.GridMembers) is not { } member)
        {
            return new DispatchOutcome(DispatchStatus.Conflict, Field: "member", Problem: $"no grid member is registered for {card.Scope}");
        }

        var taskId = $"verify-{card.Id.Value}-{key[^Math.Min(8, key.Length)..]}";
        var task = new GridTask(taskId, GridTaskKind.Verify, member.Id, card.Scope, $"核查:{card.Title}", time.GetUtcNow(), card.Id.Value,
            Note: string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        var feedEvent = new FeedEvent($"{taskId}-assign", Source, time.GetUtcNow(), card.Scope, new GridTaskAssigned(task));
        if (await store.RecordActionAsync(feedEvent, new AuditRecord(user.Id(), "grid-task.assign", taskId, $"核查 {card.Id.Value} → {member.Id}"),
                cancellationToken).ConfigureAwait(false))
        {
            await outbox.PublishAsync([feedEvent], cancellationToken).ConfigureAwait(false);
        }

        return DispatchOutcome.Done(new DispatchResult(card.Id.Value, card.DispatchCount, member.Id, member.Name, user.Id(), time.GetUtcNow(),
            [$"核查任务已派给网格员 {member.Name}"], AlreadyDispatched: false));
    }

    /// <summary>A member reports a task done; null when recorded (or recorded before), else the problem.</summary>
    public async Task<(int Status, string Field, string Problem)?> CompleteAsync(string memberId, string taskId, string? result, CancellationToken cancellationToken)
    {
        if (live.FindTask(taskId) is not { } task || task.MemberId != memberId)
        {
            return (404, "id", $"no task '{taskId}' for member {memberId}");
        }

        if (result is { Length: > 500 } || result?.Any(c => char.IsControl(c) && c is not '\n') == true)
        {
            return (422, "result", "must be at most 500 characters without control characters");
        }

        var feedEvent = new FeedEvent($"{taskId}-done", Source, time.GetUtcNow(), task.Scope, new GridTaskDone(taskId, memberId, result?.Trim()));
        if (task.IsOpen && await store.RecordActionAsync(feedEvent, new AuditRecord(memberId, "grid-task.done", taskId, result ?? ""), cancellationToken)
                .ConfigureAwait(false))
        {
            await outbox.PublishAsync([feedEvent], cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Gives every visit the alarms call for; returns how many tasks were given.</summary>
    public async Task<int> AssignVisitsAsync(CancellationToken cancellationToken)
    {
        var given = 0;
        foreach (var task in live.VisitsDue())
        {
            var feedEvent = new FeedEvent(task.Id, Source, time.GetUtcNow(), task.Scope, new GridTaskAssigned(task));
            if (await store.RecordActionAsync(feedEvent, new AuditRecord("system", "grid-task.assign", task.Id, $"走访 → {task.MemberId}"), cancellationToken)
                    .ConfigureAwait(false))
            {
                await outbox.PublishAsync([feedEvent], cancellationToken).ConfigureAwait(false);
                given++;
            }
        }

        return given;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await AssignVisitsAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assigning visit tasks failed; retrying in 5 s")]
    private partial void LogFailed(Exception exception);
}
