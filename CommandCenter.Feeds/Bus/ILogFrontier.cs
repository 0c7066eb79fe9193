namespace CommandCenter.Feeds.Bus;

/// <summary>
/// How far the store's event log is complete: every event at or before the frontier that will ever be stored, is stored.
/// The table projection goes no further, so an event that one node is still storing is never skipped by another.
/// </summary>
public interface ILogFrontier
{
    /// <summary>True when several nodes project the same log, so only one at a time may (the others stand by).</summary>
    bool ManyProjectors { get; }

    /// <summary>The position up to which the log is complete; null when it cannot be told now (the bus is unreachable).</summary>
    Task<long?> CompleteUpToAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the frontier may have moved: a commit of this node, or the next look at the bus.</summary>
    Task MovedAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The embedded bus commits to the log before it delivers, under one writer: whatever is in the log is complete, and each
/// commit moves the frontier.
/// </summary>
public sealed class CommittedLogFrontier(LoggedFeedBus bus) : ILogFrontier
{
    public bool ManyProjectors => false;

    public Task<long?> CompleteUpToAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(long.MaxValue);

    public Task MovedAsync(CancellationToken cancellationToken) => bus.NextCommit.WaitAsync(cancellationToken);
}
