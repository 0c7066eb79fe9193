using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Bus;

namespace CommandCenter.Web.Storage;

/// <summary>The store's event log as the embedded bus writes to it; ready once the store is migrated.</summary>
internal sealed class StoreFeedLog(IEventLog log, StoreGate gate) : IFeedLog
{
    public Task Ready => gate.Ready;

    public async Task<IReadOnlyList<LoggedEvent>> AppendAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken) =>
        [.. (await log.AppendAsync(events, cancellationToken).ConfigureAwait(false)).Select(s => new LoggedEvent(s.Seq, s.Event))];
}
