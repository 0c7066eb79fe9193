namespace CommandCenter.Web.Storage;

/// <summary>
/// Migrates the store at start-up, puts the reference data the log holds in force, and opens the gate everything else
/// that uses the store waits on. If the database is unreachable it keeps trying (the app stays up and reports not ready)
/// instead of crashing.
/// </summary>
public sealed partial class StoreGate(IStoreMigrations store, IEventLog log, Feeds.Reference.ReferenceBook reference,
    Feeds.Reference.IReferenceMirror mirror, TimeProvider time, ILogger<StoreGate> logger) : BackgroundService
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
                await UseStoredReferenceAsync(stoppingToken).ConfigureAwait(false);
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

    /// <summary>
    /// The latest reference data in the log, in force before anything reads the store. On a store whose log holds none
    /// (the first start) the folder's (Reference:Path) is logged as the first import, by <c>seed</c>: from then on the store
    /// is the truth. Data that no longer reads (written by another version) is reported and the folder's kept. Then told to
    /// the ingest gateways (on Redis), best effort: they keep the folder's until it reaches them.
    /// </summary>
    private async Task UseStoredReferenceAsync(CancellationToken cancellationToken)
    {
        var latest = await log.LatestOfKindAsync(Domain.Events.FeedEventKind.ReferenceImported, 1, cancellationToken).ConfigureAwait(false);
        Domain.Events.FeedEvent logged;
        if (latest is [{ Event: { Payload: Domain.Events.ReferenceImported imported } stored }])
        {
            logged = stored;
            reference.Use(imported, out var problems);
            if (problems.Count > 0)
            {
                LogStoredReferenceUnreadable(imported.Digest[..12], string.Join("; ", problems.Take(5)));
            }
        }
        else
        {
            // Straight into the log, before the gate opens: every reader of the store finds it there. Nodes starting
            // together on a new store may each log it; the same files give the same digest, so the second changes nothing.
            logged = Feeds.Reference.ReferenceBook.EventFor(reference.Current, SeedActor, time.GetUtcNow());
            await log.AppendAsync([logged], cancellationToken).ConfigureAwait(false);
            LogSeeded(reference.Current.Data.Tree.Count, reference.Current.Digest[..12]);
        }

        try
        {
            await mirror.MirrorAsync(logged, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogMirrorFailed(ex);
        }
    }

    /// <summary>Who the first start's reference data is logged as imported by.</summary>
    public const string SeedActor = "seed";

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: the reference folder's data ({Jurisdictions} jurisdictions, {Digest}) logged as the store's")]
    private partial void LogSeeded(int jurisdictions, string digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the ingest gateways the reference data in force failed; they get it with the next import")]
    private partial void LogMirrorFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored reference data {Digest} does not read and is not in force: {Problems}")]
    private partial void LogStoredReferenceUnreadable(string digest, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready: {Store}; migrations applied now: {Applied}")]
    private partial void LogReady(string store, string applied);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {Store} not reachable; retrying in {Seconds} s")]
    private partial void LogNotReachable(Exception exception, string store, double seconds);
}
