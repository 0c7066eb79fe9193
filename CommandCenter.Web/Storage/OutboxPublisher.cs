using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Bus;

namespace CommandCenter.Web.Storage;

/// <summary>
/// Publishes events just stored in the outbox and marks them sent. If the bus refuses, nothing is lost: the events stay
/// unsent in the outbox and <see cref="Dispatch.OutboxRelay"/> sends them a moment later.
/// </summary>
public sealed partial class OutboxPublisher(IFeedBus bus, IDispatchStore store, ILogger<OutboxPublisher> logger)
{
    public async Task PublishAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken = default)
    {
        try
        {
            await bus.PublishManyAsync(events, cancellationToken).ConfigureAwait(false);

            await store.MarkPublishedAsync(events, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishDeferred(ex, events[^1].Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} is stored but not yet on the bus; the outbox relay will send it")]
    private partial void LogPublishDeferred(Exception exception, string eventId);
}
