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

    /// <summary>Serializes audit appends across nodes; SQLite's write lock at BEGIN already does.</summary>
    internal virtual Task LockAuditAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Inserts the events that are new and returns their log positions by <see cref="EventKeys.Identity"/>.</summary>
    internal abstract Task<Dictionary<string, long>> InsertNewEventsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<EventRow> rows, CancellationToken cancellationToken);

    /// <summary>Runs one statement for each row, in the transaction; a dialect may send them in one round trip.</summary>
    internal virtual async Task ExecuteManyAsync<T>(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<T> rows) =>
        await connection.ExecuteAsync(sql, rows, transaction).ConfigureAwait(false);
}
