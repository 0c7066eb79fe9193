using System.Data.Common;
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

    public IBriefingQueries Briefings { get; } = new BriefingStore(database);

    public IDeadLetterStore DeadLetters { get; } = new StoreIngestDeadLetters(database);

    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) => Migrations.MigrateAsync(cancellationToken);

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    public ValueTask DisposeAsync() => database is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
}
