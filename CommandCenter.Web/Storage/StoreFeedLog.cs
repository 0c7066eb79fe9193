using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Bus;

namespace CommandCenter.Web.Storage;

/// <summary>
/// The store's event log as the embedded bus writes to it; ready once the store is migrated and the log's sequence
/// continues after every stored position.
/// </summary>
internal sealed class StoreFeedLog(IEventLog log, Database database, StoreGate gate) : IFeedLog
{
    private readonly Lazy<Task> _ready = new(async () =>
    {
        await gate.Ready.ConfigureAwait(false);
        await database.AlignLogSequenceAsync(CancellationToken.None).ConfigureAwait(false);
    });

    public Task Ready => _ready.Value;

    public async Task<IReadOnlyList<LoggedEvent>> AppendAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken) =>
        [.. (await log.AppendAsync(events, cancellationToken).ConfigureAwait(false)).Select(s => new LoggedEvent(s.Seq, s.Event))];
}
