using CommandCenter.Domain.Events;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// The store's event log, as the embedded bus writes to it: a group of events appended and committed in one transaction
/// (durable events get a log position; telemetry replaces the latest values).
/// </summary>
public interface IFeedLog
{
    /// <summary>Completes when the log can be written (the store is migrated).</summary>
    Task Ready { get; }

    /// <summary>Appends and commits; returns the durable events that were new, with their positions, in log order.</summary>
    Task<IReadOnlyList<LoggedEvent>> AppendAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken);
}

/// <summary>An event at its position in the log.</summary>
public sealed record LoggedEvent(long Position, FeedEvent Event);
