namespace CommandCenter.Web.Storage;

/// <summary>
/// Migrates the store at start-up and opens the gate everything else that uses the store waits on. If the
/// database is unreachable it keeps trying (the app stays up and reports not ready) instead of crashing.
/// </summary>
public sealed partial class StoreGate(IStoreMigrations store, TimeProvider time, ILogger<StoreGate> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await store.MigrateAsync(stoppingToken).ConfigureAwait(false);
                LogReady(store.Describe, applied.Count == 0 ? "none" : string.Join(", ", applied));
                _ready.TrySetResult();
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogNotReachable(ex, store.Describe, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready: {Store}; migrations applied now: {Applied}")]
    private partial void LogReady(string store, string applied);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {Store} not reachable; retrying in {Seconds} s")]
    private partial void LogNotReachable(Exception exception, string store, double seconds);
}
