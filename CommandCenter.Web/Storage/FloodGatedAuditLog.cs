using CommandCenter.Domain.Audit;

namespace CommandCenter.Web.Storage;

/// <summary>
/// The audit log as the app uses it: every entry goes to the store except the part of a flood <see cref="AuditFlood"/>
/// holds back, whose count is written as an <c>audit.suppressed</c> summary once its minute is over (checked every few
/// seconds, and everything still open when the app stops). A suppressed entry's answer has position 0.
/// </summary>
public sealed partial class FloodGatedAuditLog(IAuditLog store, TimeProvider time, ILogger<FloodGatedAuditLog> logger) : BackgroundService, IAuditLog
{
    private readonly AuditFlood _flood = new();
    private readonly Lock _gate = new();

    public async Task<AuditEntry> AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = time.GetUtcNow();
        bool admitted;
        lock (_gate)
        {
            admitted = _flood.Admit(record, now);
        }

        return admitted
            ? await store.AppendAuditAsync(record, cancellationToken).ConfigureAwait(false)
            : new AuditEntry(0, now, record.Actor, record.Action, record.Target, record.Detail, "", "");
    }

    public Task<IReadOnlyList<AuditEntry>> SearchAuditAsync(AuditQuery query, CancellationToken cancellationToken) =>
        store.SearchAuditAsync(query, cancellationToken);

    public Task<AuditBreak?> VerifyAuditAsync(CancellationToken cancellationToken) => store.VerifyAuditAsync(cancellationToken);

    public Task<AuditBreak?> VerifyAuditFromAsync(AuditCheckpoint? from, CancellationToken cancellationToken) => store.VerifyAuditFromAsync(from, cancellationToken);

    public Task<(long Seq, string Hash)?> AuditHeadAsync(CancellationToken cancellationToken) => store.AuditHeadAsync(cancellationToken);

    public Task<string?> AuditHashAtAsync(long seq, CancellationToken cancellationToken) => store.AuditHashAtAsync(seq, cancellationToken);

    public Task AddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken) => store.AddCheckpointAsync(checkpoint, cancellationToken);

    public Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(int max, CancellationToken cancellationToken) => store.CheckpointsAsync(max, cancellationToken);

    /// <summary>Writes the summaries of the windows that have ended (all open ones with <paramref name="all"/>); returns how many.</summary>
    public async Task<int> FlushAsync(bool all, CancellationToken cancellationToken)
    {
        IReadOnlyList<AuditRecord> due;
        lock (_gate)
        {
            due = _flood.Due(all ? null : time.GetUtcNow());
        }

        foreach (var summary in due)
        {
            await store.AppendAuditAsync(summary, cancellationToken).ConfigureAwait(false);
        }

        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(all: false, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFlushFailed(ex); // kept in memory; the next tick tries again
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(all: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing audit flood summaries failed; trying again")]
    private partial void LogFlushFailed(Exception exception);
}
