using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Sla;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>One cell where a projected table disagrees with the log replayed.</summary>
public sealed record TableDifference(string Table, string Key, string Column, string? Stored, string? Replayed)
{
    public override string ToString() => $"{Table} {Key} {Column}: stored {Stored ?? "(none)"}, replayed {Replayed ?? "(none)"}";
}

/// <summary>
/// Tables are a function of the log: replays the whole event log in log order through the same projection, and
/// compares every projected table row by row with what is stored (<c>--verify-store</c>), or rewrites them from the
/// replay (<c>--repair-store</c>). The replay is written to a scratch SQLite file with the same schema, so both sides are
/// read back by the same queries.
/// </summary>
public sealed class StoreVerifier(IEventLog log, Database database, Feeds.Reference.ReferenceBook reference, TimeProvider time)
{
    private const int ReadBatch = 5_000;

    /// <summary>Each projected table, how its rows are keyed, in a stable order.</summary>
    private static readonly (string Table, string Key)[] Tables =
    [
        ("work_orders", "id"),
        ("work_order_timeline", "work_order_id || '#' || CAST(ordinal AS text)"),
        ("dispatches", "work_order_id || '#' || CAST(ordinal AS text)"),
        ("work_order_units", "work_order_id || '#' || CAST(round AS text) || '#' || unit_id"),
        ("alarms", "alarm_id"),
        ("duty_shifts", "id"),
        ("cameras", "id"),
        ("grid_tasks", "id"),
    ];

    /// <summary>
    /// Every cell that differs; empty when the tables equal the log. Safe on a running store: the tables and their mark are
    /// read in one snapshot, and the log is replayed up to that mark, so events projected meanwhile are no difference.
    /// </summary>
    public async Task<IReadOnlyList<TableDifference>> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var stored = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = await database.BeginSnapshotAsync(stored, cancellationToken).ConfigureAwait(false);
        var mark = await stored.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT position FROM projection_marks WHERE name = @Name",
            new { Name = ProjectedTables.TablesMark }, snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
        var storedRows = new Dictionary<string, Dictionary<string, Dictionary<string, object?>>>(StringComparer.Ordinal);
        foreach (var (table, key) in Tables)
        {
            storedRows[table] = await RowsAsync(stored, snapshot, table, key).ConfigureAwait(false);
        }

        var telemetry = await TelemetryDifferencesAsync(stored, snapshot, cancellationToken).ConfigureAwait(false);
        await snapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
        VerifiedUpTo = mark;

        var (changes, _) = await ReplayAsync(mark, cancellationToken).ConfigureAwait(false);
        var scratch = new SqliteDatabase(Path.Combine(Path.GetTempPath(), $"cc-verify-{Guid.NewGuid():N}.db"), time);
        try
        {
            await new StoreMigrations(scratch).MigrateAsync(cancellationToken).ConfigureAwait(false);
            await using (var connection = await scratch.OpenAsync(cancellationToken).ConfigureAwait(false))
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                await ProjectedTables.WriteAsync(scratch, connection, transaction, changes).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            var differences = new List<TableDifference>();
            await using var replayed = await scratch.OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (table, key) in Tables)
            {
                differences.AddRange(Compare(table, storedRows[table], await RowsAsync(replayed, null, table, key).ConfigureAwait(false)));
            }

            differences.AddRange(telemetry);
            return differences;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(scratch.Path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The tables' mark the last <see cref="VerifyAsync"/> compared at (the log was replayed up to it).</summary>
    public long VerifiedUpTo { get; private set; }

    /// <summary>Events in the log past <paramref name="position"/>: those the projection had not reached (it catches up as the node runs).</summary>
    public async Task<long> EventsAfterAsync(long position, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM feed_events WHERE seq > @position",
            new { position }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Rewrites every projected table from the log, and the mark, in one transaction; returns the rows written.</summary>
    public async Task<int> RepairAsync(CancellationToken cancellationToken)
    {
        var (changes, last) = await ReplayAsync(long.MaxValue, cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (table, _) in Tables.Reverse()) // rows that refer to orders go before the orders
        {
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table}", transaction: transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await ProjectedTables.WriteAsync(database, connection, transaction, changes).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO telemetry_latest (key, kind, scope, occurred_at_ms, event)
            SELECT h.key, h.kind, h.scope, h.occurred_at_ms, h.event FROM {NewestHistory} WHERE true
            ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, scope = excluded.scope, occurred_at_ms = excluded.occurred_at_ms,
                event = excluded.event
            """, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO projection_marks (name, position) VALUES (@Name, @Last)
            ON CONFLICT (name) DO UPDATE SET position = excluded.position
            """, new { Name = ProjectedTables.TablesMark, Last = last }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changes.Orders.Count + changes.Timeline.Count + changes.Dispatches.Count + changes.Alarms.Count + changes.Shifts.Count +
            changes.Cameras.Count;
    }

    /// <summary>The log up to <paramref name="upTo"/> through a fresh projection (never pruned): the final row of every key, and the last position.</summary>
    private async Task<(StateChanges Changes, long Last)> ReplayAsync(long upTo, CancellationToken cancellationToken)
    {
        var projector = new StateProjector(reference, time);
        var final = new ReplayedRows();
        long last = 0;
        while (true)
        {
            var batch = await log.ReadAsync(last, upTo, ReadBatch, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return (final.ToChanges(), last);
            }

            final.Merge(await projector.ProjectAsync(batch, new LogHistory(log, cancellationToken)).ConfigureAwait(false));
            last = batch[^1].Seq;
        }
    }

    /// <summary>Each telemetry stream's newest history row (aliased <c>h</c>): what its latest value must be.</summary>
    private const string NewestHistory = """
        telemetry_history h JOIN (SELECT key, MAX(occurred_at_ms) AS at FROM telemetry_history GROUP BY key) m
            ON m.key = h.key AND m.at = h.occurred_at_ms
        """;

    /// <summary>
    /// <c>telemetry_latest</c> against the history it derives from: every stream with history must have as its latest the
    /// history's newest point (streams whose history has been pruned away keep their last value unchecked).
    /// </summary>
    private static async Task<IReadOnlyList<TableDifference>> TelemetryDifferencesAsync(DbConnection connection, DbTransaction snapshot,
        CancellationToken cancellationToken)
    {
        var newest = (await connection.QueryAsync<(string Key, long At, string Event)>(new CommandDefinition(
            $"SELECT h.key, h.occurred_at_ms, h.event FROM {NewestHistory}", transaction: snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Key, StringComparer.Ordinal);
        var latest = (await connection.QueryAsync<(string Key, long At, string Event)>(new CommandDefinition(
            "SELECT key, occurred_at_ms, event FROM telemetry_latest", transaction: snapshot, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Key, StringComparer.Ordinal);
        var differences = new List<TableDifference>();
        foreach (var (key, history) in newest.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (!latest.TryGetValue(key, out var stored))
            {
                differences.Add(new TableDifference("telemetry_latest", key, "(row)", null, "present"));
            }
            else if (stored.At != history.At || stored.Event != history.Event)
            {
                differences.Add(new TableDifference("telemetry_latest", key, "occurred_at_ms",
                    stored.At.ToString(CultureInfo.InvariantCulture), history.At.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return differences;
    }

    private static async Task<Dictionary<string, Dictionary<string, object?>>> RowsAsync(DbConnection connection, DbTransaction? transaction,
        string table, string key)
    {
        var rows = await connection.QueryAsync($"SELECT {key} AS row_key, * FROM {table}", transaction: transaction).ConfigureAwait(false);
        return rows.Cast<IDictionary<string, object?>>().ToDictionary(
            r => Convert.ToString(r["row_key"], CultureInfo.InvariantCulture)!,
            r => r.Where(c => c.Key != "row_key").ToDictionary(c => c.Key, c => c.Value));
    }

    private static IEnumerable<TableDifference> Compare(string table, Dictionary<string, Dictionary<string, object?>> stored,
        Dictionary<string, Dictionary<string, object?>> replayed)
    {
        foreach (var key in stored.Keys.Union(replayed.Keys).Order(StringComparer.Ordinal))
        {
            if (!stored.TryGetValue(key, out var s))
            {
                yield return new TableDifference(table, key, "(row)", null, "present");
                continue;
            }

            if (!replayed.TryGetValue(key, out var r))
            {
                yield return new TableDifference(table, key, "(row)", "present", null);
                continue;
            }

            foreach (var column in r.Keys.Order(StringComparer.Ordinal))
            {
                var (a, b) = (Text(s.GetValueOrDefault(column)), Text(r[column]));
                if (!SameValue(a, b))
                {
                    yield return new TableDifference(table, key, column, a, b);
                }
            }
        }
    }

    /// <summary>A cell as invariant text: PostgreSQL and SQLite give integers and reals in different .NET types.</summary>
    private static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Equal text, or equal JSON (PostgreSQL's jsonb re-spaces and reorders what it stores).</summary>
    private static bool SameValue(string? a, string? b)
    {
        if (a == b)
        {
            return true;
        }

        if (a is null || b is null || !(a.StartsWith('[') || a.StartsWith('{')))
        {
            return false;
        }

        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>An order's earlier events, read from the log.</summary>
    private sealed class LogHistory(IEventLog log, CancellationToken cancellationToken) : IOrderHistory
    {
        public Task<IReadOnlyList<Domain.Events.FeedEvent>> EventsOfAsync(string workOrderId, long before) =>
            log.EventsOfOrderAsync(workOrderId, before, cancellationToken);
    }

    /// <summary>
    /// The rows as the tables would hold them after every batch's upserts: orders, shifts and cameras take their latest
    /// row; timeline and dispatch rows their first; unit parts their latest; alarms their latest, but keep the position of the event that raised them.
    /// </summary>
    private sealed class ReplayedRows
    {
        private readonly Dictionary<string, WorkOrderRow> _orders = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, int), TimelineRow> _timeline = [];
        private readonly Dictionary<(string, int), DispatchRow> _dispatches = [];
        private readonly Dictionary<(string, int, string), UnitPartRow> _units = [];
        private readonly Dictionary<string, GridTaskRow> _tasks = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AlarmRow> _alarms = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DutyShiftRow> _shifts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CameraRow> _cameras = new(StringComparer.Ordinal);

        public void Merge(StateChanges changes)
        {
            changes.Orders.ForEach(o => _orders[o.Id] = o);
            changes.Timeline.ForEach(t => _timeline.TryAdd((t.WorkOrderId, t.Ordinal), t));
            changes.Dispatches.ForEach(d => _dispatches.TryAdd((d.WorkOrderId, d.Ordinal), d));
            changes.Units.ForEach(u => _units[(u.WorkOrderId, u.Round, u.UnitId)] = u);
            changes.Tasks.ForEach(t => _tasks[t.Id] = t);
            changes.Alarms.ForEach(a => _alarms[a.AlarmId] = _alarms.TryGetValue(a.AlarmId, out var first) ? a with { RaisedSeq = first.RaisedSeq } : a);
            changes.Shifts.ForEach(s => _shifts[s.Id] = s);
            changes.Cameras.ForEach(c => _cameras[c.Id] = c);
        }

        public StateChanges ToChanges()
        {
            var changes = new StateChanges();
            changes.Orders.AddRange(_orders.Values);
            changes.Timeline.AddRange(_timeline.Values);
            changes.Dispatches.AddRange(_dispatches.Values);
            changes.Units.AddRange(_units.Values);
            changes.Tasks.AddRange(_tasks.Values);
            // Cleared alarms first: a device's new alarm may only be inserted once its old one is cleared.
            changes.Alarms.AddRange(_alarms.Values.OrderBy(a => a.ClearedAtMs is null).ThenBy(a => a.RaisedSeq));
            changes.Shifts.AddRange(_shifts.Values);
            changes.Cameras.AddRange(_cameras.Values);
            return changes;
        }
    }
}
