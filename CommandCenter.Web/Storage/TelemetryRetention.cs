using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Storage;

/// <summary>
/// Keeps the thinned telemetry history to <c>Storage:TelemetryRetentionDays</c>: at start and every hour, older points
/// are deleted. Every node may run it; deleting what another node already deleted changes nothing.
/// </summary>
public sealed partial class TelemetryRetention(IEventLog log, StoreGate gate, IOptions<StoreOptions> options, TimeProvider time,
    ILogger<TelemetryRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Deletes what is past the retention now; returns how many points.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken) =>
        log.PruneTelemetryAsync(time.GetUtcNow() - TimeSpan.FromDays(options.Value.TelemetryRetentionDays), cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var pruned = await PruneAsync(stoppingToken).ConfigureAwait(false);
                if (pruned > 0)
                {
                    LogPruned(pruned, options.Value.TelemetryRetentionDays);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPruneFailed(ex); // the next hour tries again; nothing but old points waits
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} telemetry points older than {Days} days")]
    private partial void LogPruned(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old telemetry history failed; trying again in an hour")]
    private partial void LogPruneFailed(Exception exception);
}
