using System.Data.Common;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>
/// The dialect helper every store shares: how to open a connection to the one database (PostgreSQL or SQLite), and
/// the few statements that differ between the two. The stores hold the SQL; this holds what is not the same.
/// </summary>
public abstract class Database(TimeProvider time)
{
    /// <summary>"postgres" or "sqlite".</summary>
    public abstract string Dialect { get; }

    /// <summary>Where the data lives, for logs (no password).</summary>
    public abstract string Describe { get; }

    public TimeProvider Time => time;

    /// <summary>A short-lived connection, opened; dispose it after the call.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The folder of this dialect's numbered migrations (Storage/Migrations/{folder}).</summary>
    internal abstract string MigrationFolder { get; }

    /// <summary>How a JSON text parameter is written into a JSON column of this dialect.</summary>
    internal virtual string JsonParameter(string name) => name;

    /// <summary>Starts the migration transaction holding a lock that other nodes wait on.</summary>
    internal abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the log's own sequence continue after the highest stored position, before the embedded bus appends: a store
    /// that ran on Redis holds positions taken from stream ids, far above where the sequence stands. SQLite's
    /// AUTOINCREMENT already continues after the highest row.
    /// </summary>
    internal virtual Task AlignLogSequenceAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serializes audit appends across nodes; SQLite's write lock at BEGIN already does.</summary>
    internal virtual Task LockAuditAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// Inserts the events that are new and returns their log positions by <see cref="EventKeys.Identity"/>. Rows that carry
    /// their bus position are stored at it; an event already stored at a later position moves to the earlier one (the same
    /// event published twice: every live picture applied the first).
    /// </summary>
    internal abstract Task<Dictionary<string, long>> InsertNewEventsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<EventRow> rows, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for this process's turn to write, for the hot writers (the log's group commit, the table projection). SQLite
    /// has one writer at a time, and a writer that finds the file locked sleeps in SQLite's busy handler (1, 2, 5, 10 … ms)
    /// however soon the lock frees; taking turns in the process instead hands the lock over at once. No-op on PostgreSQL.
    /// </summary>
    internal virtual ValueTask<IDisposable?> WriteTurnAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>
    /// Begins a transaction whose commit does not wait for its flush to disk. Only for writes that can be redone from what
    /// is durable (the tables, redone from the log up to their mark, which commits with them): a crash may lose such a
    /// commit, never reorder it after a later durable one.
    /// </summary>
    internal abstract Task<DbTransaction> BeginRedoableAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// A read-only view of the whole store as it stood at its first read, kept while writers go on (the projection moving its
    /// mark and rows together): PostgreSQL's repeatable read, SQLite's deferred transaction on its write-ahead log.
    /// </summary>
    internal abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Runs one statement for each row, in the transaction; a dialect may send them in one round trip.</summary>
    internal virtual async Task ExecuteManyAsync<T>(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<T> rows) =>
        await connection.ExecuteAsync(sql, rows, transaction).ConfigureAwait(false);
}
