using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Dispatch;

/// <summary>
/// Sends outbox events that were stored but not confirmed on the bus (the bus was down, or the node stopped
/// between commit and publish). Delivery is at-least-once; every consumer deduplicates by event id.
/// </summary>
public sealed partial class OutboxRelay(IDispatchStore store, StoreGate gate, IFeedBus bus, TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>Sends what is due; returns how many.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        // Only rows older than a moment: the request that wrote them normally publishes them itself.
        var due = await store.UnpublishedAsync(time.GetUtcNow() - Every, 500, cancellationToken).ConfigureAwait(false);
        await bus.PublishManyAsync(due, cancellationToken).ConfigureAwait(false);

        if (due.Count > 0)
        {
            await store.MarkPublishedAsync(due, cancellationToken).ConfigureAwait(false);
            LogRelayed(due.Count);
        }

        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RelayAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRelayFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay sent {Count} stored events to the bus")]
    private partial void LogRelayed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not send; retrying")]
    private partial void LogRelayFailed(Exception exception);
}
