using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Web.Storage;

/// <summary>
/// The embedded default: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit is on disk (the WAL is
/// fsynced) before it returns. Writers take the database's write lock at BEGIN (IMMEDIATE), so concurrent writers
/// queue instead of failing.
/// </summary>
public sealed class SqliteDatabase : Database, IDisposable
{
    private readonly string _connectionString;

    public SqliteDatabase(string path, TimeProvider time) : base(time)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    public override string Dialect => "sqlite";

    public override string Describe => $"SQLite {Path}";

    internal override string MigrationFolder => "Sqlite";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;").ConfigureAwait(false);
        return connection;
    }

    private readonly SemaphoreSlim _writeTurn = new(1, 1);

    public void Dispose() => _writeTurn.Dispose();

    internal override async ValueTask<IDisposable?> WriteTurnAsync(CancellationToken cancellationToken)
    {
        await _writeTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_writeTurn);
    }

    /// <summary>synchronous=NORMAL for this connection (back to FULL on its next open): in WAL mode the commit is atomic and
    /// ordered, and the next FULL commit fsyncs it along.</summary>
    internal override async Task<DbTransaction> BeginRedoableAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous=NORMAL", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deferred: takes no write lock (an immediate one would hold every writer back while it reads).</summary>
    internal override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: true));

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }

    internal override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    internal override async Task<Dictionary<string, long>> InsertNewEventsAsync(DbConnection connection,
        DbTransaction transaction, IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        var inserted = new Dictionary<string, long>();
        SqlitePrepared? positioned = null, appended = null;
        try
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = row.Seq > 0
                    ? positioned ??= SqlitePrepared.For<EventRow>((SqliteConnection)connection, (SqliteTransaction)transaction, """
                        INSERT INTO feed_events (seq, event_id, source, kind, occurred_at_ms, received_at_ms, scope, work_order_id, alarm_key, payload)
                        VALUES (@Seq, @EventId, @Source, @Kind, @OccurredAtMs, @ReceivedAtMs, @Scope, @WorkOrderId, @AlarmKey, @Payload)
                        ON CONFLICT (source, event_id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind,
                            occurred_at_ms = excluded.occurred_at_ms, scope = excluded.scope, work_order_id = excluded.work_order_id,
                            alarm_key = excluded.alarm_key, payload = excluded.payload
                        WHERE excluded.seq < feed_events.seq
                        RETURNING seq
                        """)
                    : appended ??= SqlitePrepared.For<EventRow>((SqliteConnection)connection, (SqliteTransaction)transaction, """
                        INSERT INTO feed_events (event_id, source, kind, occurred_at_ms, received_at_ms, scope, work_order_id, alarm_key, payload)
                        VALUES (@EventId, @Source, @Kind, @OccurredAtMs, @ReceivedAtMs, @Scope, @WorkOrderId, @AlarmKey, @Payload)
                        ON CONFLICT (source, event_id) DO NOTHING
                        RETURNING seq
                        """);
                if (await command.ScalarAsync(row).ConfigureAwait(false) is long seq)
                {
                    inserted[EventKeys.Identity(row.Source, row.EventId)] = seq;
                }
            }
        }
        finally
        {
            positioned?.Dispose();
            appended?.Dispose();
        }

        return inserted;
    }

    /// <summary>One prepared command for the whole batch (see <see cref="SqlitePrepared"/>).</summary>
    internal override async Task ExecuteManyAsync<T>(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<T> rows)
    {
        var list = rows as IReadOnlyCollection<T> ?? [.. rows];
        if (list.Count == 0)
        {
            return;
        }

        using var command = SqlitePrepared.For<T>((SqliteConnection)connection, (SqliteTransaction)transaction, sql);
        foreach (var row in list)
        {
            await command.ExecuteAsync(row).ConfigureAwait(false);
        }
    }
}
