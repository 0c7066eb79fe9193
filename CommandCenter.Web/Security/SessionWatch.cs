using CommandCenter.Web.Storage;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// Every node asks the store each second which sessions ended in the last minute (by any node's clock, so a minute's
/// skew between nodes is harmless) and tells <see cref="ServerSessions"/>, which closes their hub connections and
/// circuits here. Once an hour it deletes records past any use: ended a month ago, or idle longer than a wall's session.
/// </summary>
public sealed partial class SessionWatch(ISessionStore store, IAccountStore accounts, ServerSessions sessions, StoreGate gate, TimeProvider time,
    IOptions<SecurityOptions> options, ILogger<SessionWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(30);

    /// <summary>One look at the store; returns how many ended sessions it saw.</summary>
    public async Task<int> LookAsync(CancellationToken cancellationToken)
    {
        var ended = await store.EndedSinceAsync((time.GetUtcNow() - Window).ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        foreach (var (id, _) in ended)
        {
            sessions.MarkEnded(id);
        }

        return ended.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        var pruned = DateTimeOffset.MinValue;
        var failing = false;
        var ticks = 0L;
        // Real time, not the app's clock: this is how often to look, whatever time the app is told it is.
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await LookAsync(stoppingToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                if (now - pruned >= PruneEvery)
                {
                    pruned = now;
                    sessions.Forget();
                    var deleted = await store.PruneAsync((now - KeepEnded).ToUnixTimeMilliseconds(),
                        (now - TimeSpan.FromDays(options.Value.WallDisplaySessionDays)).ToUnixTimeMilliseconds(), stoppingToken).ConfigureAwait(false);
                    if (deleted > 0)
                    {
                        LogPruned(deleted);
                    }

                    // Sign-in failures of addresses that never got in are of no use after a day.
                    await accounts.PruneAttemptsAsync((now - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds(), stoppingToken).ConfigureAwait(false);
                }
                else if (++ticks % 60 == 0)
                {
                    sessions.Forget();
                }

                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (!failing)
                {
                    LogFailed(ex); // once per outage; the next second tries again
                }

                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} old session records")]
    private partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for ended sessions failed; trying every second")]
    private partial void LogFailed(Exception exception);
}
