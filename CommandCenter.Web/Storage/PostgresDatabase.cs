using System.Data.Common;
using Dapper;
using Npgsql;

namespace CommandCenter.Web.Storage;

/// <summary>The production database: PostgreSQL through Npgsql, one data source (pool) per process.</summary>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource, TimeProvider time) : Database(time), IAsyncDisposable
{
    public override string Dialect => "postgres";

    internal override async Task AlignLogSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            SELECT setval(pg_get_serial_sequence('feed_events', 'seq'), t.m)
            FROM (SELECT MAX(seq) AS m FROM feed_events) t
            WHERE t.m IS NOT NULL AND t.m > (SELECT last_value FROM feed_events_seq_seq)
            """, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public override string Describe
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    internal override string MigrationFolder => "Postgres";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    internal override string JsonParameter(string name) => $"CAST({name} AS jsonb)";

    internal override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Held until commit: a second node waits here, then finds the migrations applied.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(74736001)",
            transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return transaction;
    }

    /// <summary>Asynchronous commit for this transaction only: WAL order is kept, so a lost commit is never followed by a kept one.</summary>
    internal override async Task<DbTransaction> BeginRedoableAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL synchronous_commit = off", transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return transaction;
    }

    internal override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    internal override Task LockAuditAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(74736002)", transaction: transaction,
            cancellationToken: cancellationToken));

    /// <summary>One multi-row INSERT … SELECT FROM unnest(…) per batch; duplicates are skipped by the unique key.</summary>
    internal override async Task<Dictionary<string, long>> InsertNewEventsAsync(DbConnection connection,
        DbTransaction transaction, IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        var positioned = rows.Count > 0 && rows[0].Seq > 0;
        var sql = positioned
            ? """
                INSERT INTO feed_events (seq, event_id, source, kind, occurred_at_ms, received_at_ms, scope, work_order_id, alarm_key, payload)
                SELECT seq, event_id, source, kind, occurred_at_ms, received_at_ms, scope, work_order_id, alarm_key, CAST(payload AS jsonb)
                FROM unnest(@Seqs, @EventIds, @Sources, @Kinds, @OccurredAt, @ReceivedAt, @Scopes, @WorkOrderIds, @AlarmKeys, @Payloads)
                    AS t(seq, event_id, source, kind, occurred_at_ms, received_at_ms, scope, work_order_id, alarm_key, payload)
                ON CONFLICT (source, event_id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind,
                    occurred_at_ms = excluded.occurred_at_ms, scope = excluded.scope, work_order_id = excluded.work_order_id,
                    alarm_key = excluded.alarm_key, payload = excluded.payload
                WHERE excluded.seq < feed_events.seq
                RETURNING seq, source, event_id
                """
            : """
                INSERT INTO feed_events (event_id, source, kind, occurred_at_ms, received_at_ms, scope, work_order_id, alarm_key, payload)
                SELECT event_id, source, kind, occurred_at_ms, received_at_ms, scope, work_order_id, alarm_key, CAST(payload AS jsonb)
                FROM unnest(@EventIds, @Sources, @Kinds, @OccurredAt, @ReceivedAt, @Scopes, @WorkOrderIds, @AlarmKeys, @Payloads)
                    AS t(event_id, source, kind, occurred_at_ms, received_at_ms, scope, work_order_id, alarm_key, payload)
                ON CONFLICT (source, event_id) DO NOTHING
                RETURNING seq, source, event_id
                """;
        var inserted = await connection.QueryAsync<(long Seq, string Source, string EventId)>(new CommandDefinition(sql,
            new
            {
                Seqs = rows.Select(r => r.Seq).ToArray(),
                EventIds = rows.Select(r => r.EventId).ToArray(),
                Sources = rows.Select(r => r.Source).ToArray(),
                Kinds = rows.Select(r => r.Kind).ToArray(),
                OccurredAt = rows.Select(r => r.OccurredAtMs).ToArray(),
                ReceivedAt = rows.Select(r => r.ReceivedAtMs).ToArray(),
                Scopes = rows.Select(r => r.Scope).ToArray(),
                WorkOrderIds = rows.Select(r => r.WorkOrderId).ToArray(),
                AlarmKeys = rows.Select(r => r.AlarmKey).ToArray(),
                Payloads = rows.Select(r => r.Payload).ToArray(),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted.ToDictionary(r => EventKeys.Identity(r.Source, r.EventId), r => r.Seq);
    }

    /// <summary>All rows' statements in one <see cref="NpgsqlBatch"/>: one round trip instead of one per row.</summary>
    internal override async Task ExecuteManyAsync<T>(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<T> rows)
    {
        var list = rows as IReadOnlyCollection<T> ?? [.. rows];
        if (list.Count == 0)
        {
            return;
        }

        // A large batch goes as one binary COPY and one INSERT … SELECT; a small one as a batch of statements.
        if (list.Count >= StagedFrom &&
            await PostgresStagedInsert.TryRunAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, sql, list).ConfigureAwait(false))
        {
            return;
        }

        var (positional, properties) = PositionalStatement<T>.For(sql);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        foreach (var row in list)
        {
            var command = new NpgsqlBatchCommand(positional);
            foreach (var property in properties)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = property.GetValue(row) ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Rows from which a batch is staged through COPY rather than sent statement by statement.</summary>
    internal const int StagedFrom = 32;

    /// <summary>A statement with @Name placeholders rewritten to $1, $2 … and the row properties that fill them.</summary>
    private static class PositionalStatement<T>
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string, System.Reflection.PropertyInfo[])> Cache = new();

        public static (string Sql, System.Reflection.PropertyInfo[] Properties) For(string sql) => Cache.GetOrAdd(sql, s =>
        {
            var names = System.Text.RegularExpressions.Regex.Matches(s, @"@(\w+)").Select(m => m.Groups[1].Value).Distinct().ToList();
            var positional = System.Text.RegularExpressions.Regex.Replace(s, @"@(\w+)", m => "$" + (names.IndexOf(m.Groups[1].Value) + 1));
            var properties = names.Select(n => typeof(T).GetProperty(n)
                ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {n} for the statement")).ToArray();
            return (positional, properties);
        });
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
