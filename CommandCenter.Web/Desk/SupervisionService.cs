using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Live;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Desk;

/// <summary>
/// Cards overdue orders every 30 s (<see cref="AutoSupervision"/>): the card's event has an id of its own per order
/// and level, so every node may run this and an order is still carded once, audited once, and shown on every wall.
/// </summary>
public sealed partial class SupervisionService(LiveSituation live, IDispatchStore store, StoreGate gate, OutboxPublisher outbox, TimeProvider time,
    ILogger<SupervisionService> logger) : BackgroundService
{
    public const string Actor = "system";

    /// <summary>Cards what is due now; returns how many orders got a new card.</summary>
    public async Task<int> SuperviseAsync(CancellationToken cancellationToken)
    {
        var carded = 0;
        // Only the orders due a card, not a snapshot of the whole backlog: the sweep must not stall the node.
        foreach (var order in live.DueForSupervision())
        {
            if (AutoSupervision.Due(order) is not { } level)
            {
                continue;
            }

            var note = level == Supervision.Red ? "超时限 50% 以上,自动红牌督办" : "已超时限,自动黄牌督办";
            var feedEvent = new FeedEvent($"{order.Id.Value}-auto-{level.ToString().ToLowerInvariant()}", "supervision", time.GetUtcNow(), order.Scope,
                new WorkOrderActed(order.Id, WorkOrderAction.Supervise, Actor, note, Supervision: level));
            if (await store.RecordActionAsync(feedEvent, new AuditRecord(Actor, "work-order.supervise", order.Id.Value, note), cancellationToken).ConfigureAwait(false))
            {
                await outbox.PublishAsync([feedEvent], cancellationToken).ConfigureAwait(false);
                carded++;
            }
        }

        if (carded > 0)
        {
            LogCarded(carded);
        }

        return carded;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SuperviseAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex); // the outbox relay sends what was stored; the next round tries the rest
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Automatic supervision carded {Count} overdue orders")]
    private partial void LogCarded(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automatic supervision failed; retrying in 30 s")]
    private partial void LogFailed(Exception exception);
}
