using System.Data.Common;
using CommandCenter.Domain.Events;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>Every store on one database, as the app registers them, for tests that work below the app.</summary>
internal sealed class StoreSet(Database database) : IAsyncDisposable
{
    public Database Database => database;

    public IStoreMigrations Migrations { get; } = new StoreMigrations(database);

    public IEventLog Log { get; } = new EventLog(database);

    public IProjectedTables Tables { get; } = new ProjectedTables(database);

    public IDispatchStore Dispatch { get; } = new DispatchStore(database);

    public IAuditLog Audit { get; } = new AuditStore(database);

    public IAccountStore Accounts { get; } = new AccountStore(database);

    public ISessionStore Sessions { get; } = new SessionStore(database);

    public IBriefingQueries Briefings { get; } = new BriefingStore(database);

    public IDeadLetterStore DeadLetters { get; } = new StoreIngestDeadLetters(database);

    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) => Migrations.MigrateAsync(cancellationToken);

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    /// <summary>
    /// What the app does with a group of events: commits them to the log, then projects the new ones into the tables and
    /// moves the tables' mark (one <see cref="LogProjector"/> batch).
    /// </summary>
    public async Task<AppendOutcome> AppendAndProjectAsync(IReadOnlyList<FeedEvent> events, StateProjector projector)
    {
        var stored = await Log.AppendAsync(events, CancellationToken.None);
        if (stored.Count > 0)
        {
            var mark = await Tables.ProjectedUpToAsync(CancellationToken.None);
            var changes = await projector.ProjectAsync(stored, new LogHistory(Log));
            await Tables.ApplyAsync(changes, mark, stored[^1].Seq, CancellationToken.None);
        }

        var durable = events.Where(e => e.Lane == FeedLane.Durable).DistinctBy(e => (e.Source, e.Id)).Count();
        return new AppendOutcome(stored.Count, durable - stored.Count, events.Count(e => e.Lane == FeedLane.Telemetry));
    }

    private sealed class LogHistory(IEventLog log) : IOrderHistory
    {
        public Task<IReadOnlyList<FeedEvent>> EventsOfAsync(string workOrderId, long before) =>
            log.EventsOfOrderAsync(workOrderId, before, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => database is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
}
