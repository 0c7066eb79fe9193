using System.Data.Common;
using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Serialization;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>
/// The event log, the system of record: every durable event once (deduplicated by source and event id) at a position
/// that orders it, plus the latest value of each telemetry stream. The projected tables follow from it.
/// </summary>
public interface IEventLog : IStore
{
    /// <summary>
    /// Appends a group in one transaction and commits it: new durable events get their log positions (events already in
    /// the log are skipped), telemetry replaces older latest values. Returns the new events in log order.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Appends events at the positions the bus gave them (Redis: the stream entry id, <see cref="Feeds.Bus.StreamId.ToPosition"/>),
    /// in one transaction, whichever node stores them and in whatever batch: the log's order is the bus's. An event stored
    /// again at an earlier position (published twice) moves there, since every live picture applied it there.
    /// </summary>
    Task<AppendOutcome> AppendAtAsync(IReadOnlyList<Feeds.Bus.LoggedEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// The thinned history of one telemetry stream (<c>drone:UAV-09</c>, <c>crowd:{area}</c>, <c>camera:{id}</c>) in
    /// [<paramref name="from"/>, <paramref name="until"/>), oldest first.
    /// </summary>
    Task<IReadOnlyList<FeedEvent>> TelemetryHistoryAsync(string key, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Deletes telemetry history older than <paramref name="before"/>; returns how many points.</summary>
    Task<int> PruneTelemetryAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> events after position <paramref name="after"/> and up to <paramref name="upTo"/>, in log order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAsync(long after, long upTo, int max, CancellationToken cancellationToken);

    /// <summary>Every stored event of one order before position <paramref name="before"/>, in log order.</summary>
    Task<IReadOnlyList<FeedEvent>> EventsOfOrderAsync(string workOrderId, long before, CancellationToken cancellationToken);

    /// <summary>
    /// The events that rebuild the live picture at <paramref name="now"/>: every event of orders still open or changed
    /// since <paramref name="startOfDay"/>, of active alarms since they were raised, of shifts not yet over, of registered
    /// cameras, and the latest telemetry; in log order. Read as the tables stand, up to position <paramref name="upTo"/>
    /// when given; with <paramref name="unprojected"/>, plus every event after the tables' mark (what a crash left
    /// committed to the log but not yet projected).
    /// </summary>
    Task<IReadOnlyList<FeedEvent>> LoadLiveAsync(DateTimeOffset now, DateTimeOffset startOfDay, long? upTo, CancellationToken cancellationToken,
        bool unprojected = false);

    /// <summary>Rows in each table of the log and its projections, for health and tests.</summary>
    Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="max"/> stored events of a kind, newest first (the reference data's imports).</summary>
    Task<IReadOnlyList<StoredEvent>> LatestOfKindAsync(FeedEventKind kind, int max, CancellationToken cancellationToken);
}

/// <summary>Looks up an order's stored history while a batch is being projected (for orders no longer in memory).</summary>
internal interface IOrderHistory
{
    Task<IReadOnlyList<FeedEvent>> EventsOfAsync(string workOrderId, long before);
}

internal sealed class EventLog(Database database) : IEventLog
{
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var stored = await InsertAsync(connection, transaction, events, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Measure(started, stored.Select(s => s.Event), events);
        return stored;
    }

    /// <summary>The batch's time, and what it stored by kind: new durable events, and every telemetry point.</summary>
    private static void Measure(long started, IEnumerable<FeedEvent> stored, IEnumerable<FeedEvent> given)
    {
        Feeds.Telemetry.CenterMetrics.StoreBatch.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("stage", "log"));
        foreach (var kind in stored.Concat(given.Where(e => e.Lane == FeedLane.Telemetry)).GroupBy(e => e.Kind))
        {
            Feeds.Telemetry.CenterMetrics.Stored.Add(kind.Count(), new KeyValuePair<string, object?>("kind", kind.Key.ToString()));
        }
    }

    public async Task<AppendOutcome> AppendAtAsync(IReadOnlyList<Feeds.Bus.LoggedEvent> events, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Earliest position first, so of one event published twice in a batch the first is the one kept.
        var ordered = events.OrderBy(e => e.Event.Lane == FeedLane.Durable ? e.Position : long.MaxValue).ToList();
        var stored = await InsertAsync(connection, transaction, [.. ordered.Select(e => e.Event)], cancellationToken,
            [.. ordered.Select(e => e.Position)]).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Measure(started, stored.Select(s => s.Event), ordered.Select(e => e.Event));
        var durable = events.Where(e => e.Event.Lane == FeedLane.Durable).DistinctBy(e => EventKeys.Identity(e.Event.Source, e.Event.Id)).Count();
        return new AppendOutcome(stored.Count, durable - stored.Count, events.Count(e => e.Event.Lane == FeedLane.Telemetry));
    }

    /// <summary>
    /// New durable events into the log (at <paramref name="positions"/> when given, else in the order given), telemetry
    /// into the latest values and the thinned history.
    /// </summary>
    private async Task<List<StoredEvent>> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FeedEvent> events,
        CancellationToken cancellationToken, IReadOnlyList<long>? positions = null)
    {
        var received = database.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var durable = events.Select((e, i) => (Event: e, Position: positions?[i] ?? 0)).Where(e => e.Event.Lane == FeedLane.Durable)
            .DistinctBy(e => EventKeys.Identity(e.Event.Source, e.Event.Id)).ToList();
        var inserted = durable.Count == 0 ? [] : await database.InsertNewEventsAsync(connection, transaction,
            [.. durable.Select(e => EventKeys.Row(e.Event, received) with { Seq = e.Position })], cancellationToken).ConfigureAwait(false);
        var points = events.Where(e => e.Lane == FeedLane.Telemetry).ToList();
        var telemetry = points.GroupBy(e => EventKeys.TelemetryKey(e)!).Select(g => g.MaxBy(e => e.OccurredAt)!).ToList();
        await WriteTelemetryAsync(connection, transaction, telemetry).ConfigureAwait(false);
        await WriteTelemetryHistoryAsync(connection, transaction, points).ConfigureAwait(false);
        return [.. durable.Select(e => e.Event).Where(e => inserted.ContainsKey(EventKeys.Identity(e.Source, e.Id)))
            .Select(e => new StoredEvent(inserted[EventKeys.Identity(e.Source, e.Id)], e)).OrderBy(s => s.Seq)];
    }

    private async Task WriteTelemetryAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FeedEvent> telemetry)
    {
        var rows = telemetry.Select(e => new TelemetryRow(EventKeys.TelemetryKey(e)!, e.Kind.ToString(), e.Scope.Value,
            e.OccurredAt.ToUnixTimeMilliseconds(), FeedEventJson.Serialize(e)));
        await database.ExecuteManyAsync(connection, transaction, $"""
            INSERT INTO telemetry_latest (key, kind, scope, occurred_at_ms, event)
            VALUES (@Key, @Kind, @Scope, @OccurredAtMs, {database.JsonParameter("@Event")})
            ON CONFLICT (key) DO UPDATE SET scope = excluded.scope, occurred_at_ms = excluded.occurred_at_ms, event = excluded.event
            WHERE excluded.occurred_at_ms > telemetry_latest.occurred_at_ms
            """, rows).ConfigureAwait(false);
    }

    /// <summary>
    /// The latest point of each stream in each bucket, whichever node stores which point first (a function of the points,
    /// not of the order they were stored in). The newest bucket's point is then the stream's latest: <c>telemetry_latest</c>
    /// is that row, kept beside for the start-up load, and <c>--verify-store</c> checks it against the history.
    /// </summary>
    private async Task WriteTelemetryHistoryAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FeedEvent> points)
    {
        var rows = points.Select(e => new TelemetryHistoryRow(EventKeys.TelemetryKey(e)!,
            e.OccurredAt.ToUnixTimeMilliseconds() / (long)EventKeys.TelemetryBucket(e).TotalMilliseconds, e.Kind.ToString(), e.Scope.Value,
            e.OccurredAt.ToUnixTimeMilliseconds(), FeedEventJson.Serialize(e)))
            .GroupBy(r => (r.Key, r.Bucket)).Select(g => g.MaxBy(r => r.OccurredAtMs)!);
        await database.ExecuteManyAsync(connection, transaction, $"""
            INSERT INTO telemetry_history (key, bucket, kind, scope, occurred_at_ms, event)
            VALUES (@Key, @Bucket, @Kind, @Scope, @OccurredAtMs, {database.JsonParameter("@Event")})
            ON CONFLICT (key, bucket) DO UPDATE SET scope = excluded.scope, occurred_at_ms = excluded.occurred_at_ms, event = excluded.event
            WHERE excluded.occurred_at_ms > telemetry_history.occurred_at_ms
            """, rows).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedEvent>> TelemetryHistoryAsync(string key, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT event FROM telemetry_history WHERE key = @Key AND occurred_at_ms >= @From AND occurred_at_ms < @To ORDER BY occurred_at_ms
            """, new { Key = key, From = from.ToUnixTimeMilliseconds(), To = until.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(FeedEventJson.Deserialize)];
    }

    public async Task<int> PruneTelemetryAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM telemetry_history WHERE occurred_at_ms < @Before",
            new { Before = before.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(long after, long upTo, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Seq, string Payload)>(new CommandDefinition(
            "SELECT seq, payload FROM feed_events WHERE seq > @After AND seq <= @UpTo ORDER BY seq LIMIT @Max", new { After = after, UpTo = upTo, Max = max },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new StoredEvent(r.Seq, FeedEventJson.Deserialize(r.Payload)))];
    }

    public async Task<IReadOnlyList<StoredEvent>> LatestOfKindAsync(FeedEventKind kind, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Seq, string Payload)>(new CommandDefinition(
            "SELECT seq, payload FROM feed_events WHERE kind = @Kind ORDER BY seq DESC LIMIT @Max", new { Kind = kind.ToString(), Max = max },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new StoredEvent(r.Seq, FeedEventJson.Deserialize(r.Payload)))];
    }

    public async Task<IReadOnlyList<FeedEvent>> EventsOfOrderAsync(string workOrderId, long before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await new OrderHistory(connection, null).EventsOfAsync(workOrderId, before).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedEvent>> LoadLiveAsync(DateTimeOffset now, DateTimeOffset startOfDay, long? upTo,
        CancellationToken cancellationToken, bool unprojected = false)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new { Since = startOfDay.ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds(), UpTo = upTo ?? long.MaxValue };
        // The events the tables have not caught up with: with them the picture is the whole log's.
        var tail = unprojected
            ? $"UNION ALL SELECT e.seq, e.payload FROM feed_events e WHERE e.seq <= @UpTo AND e.seq > COALESCE((SELECT position FROM projection_marks WHERE name = '{ProjectedTables.TablesMark}'), 0)"
            : "";
        // UNION ALL throughout and no ORDER BY: the rows stream as the indexes find them, and are read while the first ones
        // are parsed; they are put in log order and an event found twice is kept once below. (With UNION inside the IN list,
        // SQLite 3.53 merges the halves in id order and so scans every work order, 0.45 s over a long record; with UNION and
        // ORDER BY between the parts, no row comes before all are found and sorted.)
        var durable = new LiveParse(cancellationToken);
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"""
            SELECT e.seq, e.payload FROM feed_events e
            WHERE e.seq <= @UpTo AND e.work_order_id IN (
                SELECT id FROM work_orders WHERE is_open = 1 UNION ALL SELECT id FROM work_orders WHERE last_changed_at_ms >= @Since)
            UNION ALL
            SELECT e.seq, e.payload FROM feed_events e
            JOIN alarms a ON a.alarm_key = e.alarm_key AND a.cleared_at_ms IS NULL AND e.seq >= a.raised_seq
            WHERE e.seq <= @UpTo
            UNION ALL
            SELECT e.seq, e.payload FROM feed_events e
            JOIN duty_shifts s ON s.event_seq = e.seq AND s.end_ms > @Now
            WHERE e.seq <= @UpTo
            UNION ALL
            SELECT e.seq, e.payload FROM feed_events e
            JOIN cameras c ON c.event_seq = e.seq
            WHERE e.seq <= @UpTo
            UNION ALL
            SELECT e.seq, e.payload FROM feed_events e
            JOIN grid_tasks t ON t.event_seq = e.seq AND t.done_at_ms IS NULL
            WHERE e.seq <= @UpTo
            {tail}
            """, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                durable.Add(reader.GetInt64(0), reader.GetString(1));
            }
        }

        var latest = new LiveParse(cancellationToken);
        var position = 0L;
        foreach (var row in await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT event FROM telemetry_latest ORDER BY occurred_at_ms", cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            latest.Add(position++, row);
        }

        return [.. (await durable.InLogOrderAsync().ConfigureAwait(false)).Concat(await latest.InLogOrderAsync().ConfigureAwait(false))];
    }

    /// <summary>
    /// Reading the JSON is most of a start's work over a long record (70,000 events for 20,000 open orders): rows are parsed
    /// in chunks on the thread pool while the store is still being read, then put in log order, each position once.
    /// </summary>
    private sealed class LiveParse(CancellationToken cancellationToken)
    {
        private const int ChunkSize = 1_000;
        private readonly List<Task<(long Seq, FeedEvent Event)[]>> _chunks = [];
        private List<(long Seq, string Payload)> _chunk = new(ChunkSize);

        public void Add(long seq, string payload)
        {
            _chunk.Add((seq, payload));
            if (_chunk.Count == ChunkSize)
            {
                Flush();
            }
        }

        public async Task<IEnumerable<FeedEvent>> InLogOrderAsync()
        {
            Flush();
            var parsed = (await Task.WhenAll(_chunks).ConfigureAwait(false)).SelectMany(c => c).ToList();
            parsed.Sort((a, b) => a.Seq.CompareTo(b.Seq));
            return parsed.Where((e, i) => i == 0 || parsed[i - 1].Seq != e.Seq).Select(e => e.Event);
        }

        private void Flush()
        {
            if (_chunk.Count > 0)
            {
                var rows = _chunk;
                _chunks.Add(Task.Run(() => rows.Select(r => (r.Seq, FeedEventJson.Deserialize(r.Payload))).ToArray(), cancellationToken));
                _chunk = new(ChunkSize);
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "feed_events", "work_orders", "work_order_timeline", "dispatches", "work_order_units", "alarms", "duty_shifts", "cameras", "grid_tasks", "telemetry_latest" })
        {
            counts[table] = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM {table}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>Every stored event of one order before a position, in log order.</summary>
    private sealed class OrderHistory(DbConnection connection, DbTransaction? transaction) : IOrderHistory
    {
        public async Task<IReadOnlyList<FeedEvent>> EventsOfAsync(string workOrderId, long before)
        {
            var payloads = await connection.QueryAsync<string>(
                "SELECT payload FROM feed_events WHERE work_order_id = @WorkOrderId AND seq < @Before ORDER BY seq",
                new { WorkOrderId = workOrderId, Before = before }, transaction).ConfigureAwait(false);
            return [.. payloads.Select(FeedEventJson.Deserialize)];
        }
    }
}
