using CommandCenter.Domain.Audit;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Security;

/// <summary>
/// Once a minute, when the audit log has grown, checks the chain from the last checkpoint to the head and, if it is
/// intact, signs the head as a new checkpoint. Every node may run it; the first checkpoint of a row stays. The audit
/// page then verifies from the newest checkpoint whose signature holds, rather than the whole log every time.
/// </summary>
public sealed partial class AuditCheckpointer(IAuditLog audit, AuditSigner signer, StoreGate gate, TimeProvider time,
    ILogger<AuditCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>The newest stored checkpoint whose signature holds, or null.</summary>
    public async Task<AuditCheckpoint?> TrustedAsync(CancellationToken cancellationToken) =>
        (await audit.CheckpointsAsync(20, cancellationToken).ConfigureAwait(false)).FirstOrDefault(signer.Verifies);

    /// <summary>Checks from the last checkpoint and signs the head; returns the new checkpoint, or null (nothing new, or broken).</summary>
    public async Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken)
    {
        var head = await audit.AuditHeadAsync(cancellationToken).ConfigureAwait(false);
        var last = await TrustedAsync(cancellationToken).ConfigureAwait(false);
        if (head is null || head.Value.Seq == last?.Seq)
        {
            return null;
        }

        if (await audit.VerifyAuditFromAsync(last, cancellationToken).ConfigureAwait(false) is { } broken)
        {
            LogBroken(broken.Seq, broken.Reason);
            return null;
        }

        var unsigned = new AuditCheckpoint(head.Value.Seq, head.Value.Hash, time.GetUtcNow(), null);
        var checkpoint = unsigned with { Signature = signer.Sign(unsigned) };
        await audit.AddCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return checkpoint;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(Every); // real time: how often to look, whatever the app's clock says
        do
        {
            try
            {
                await CheckpointAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit chain is broken at row {Seq}: {Reason}. No checkpoint is signed until it is looked into.")]
    private partial void LogBroken(long seq, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing an audit checkpoint failed; trying again in a minute")]
    private partial void LogFailed(Exception exception);
}
