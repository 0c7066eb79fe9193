using System.Data.Common;
using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Serialization;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>
/// The system of record, on PostgreSQL or SQLite with the same SQL: every durable event once (deduplicated by
/// source and event id), the tables projected from them in the same transaction, latest telemetry, dead letters.
/// One short-lived connection per call.
/// </summary>
public abstract partial class SqlStore(TimeProvider time)
{
    /// <summary>"postgres" or "sqlite".</summary>
    public abstract string Dialect { get; }

    /// <summary>Where the data lives, for logs (no password).</summary>
    public abstract string Describe { get; }

    protected TimeProvider Time => time;

    protected internal abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Inserts the events that are new and returns their store positions by <see cref="EventKeys.Identity"/>.</summary>
    private protected abstract Task<Dictionary<string, long>> InsertNewEventsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<EventRow> rows, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a batch in one transaction: new durable events are appended (duplicates skipped), <paramref name="project"/>
    /// turns the new ones into table changes, which are written before the commit; telemetry updates the latest
    /// values. Throws when the store cannot be reached; nothing is half-written.
    /// </summary>
    internal async Task<AppendOutcome> AppendAsync(IReadOnlyList<FeedEvent> batch,
        Func<IReadOnlyList<StoredEvent>, IOrderHistory, Task<StateChanges>> project, CancellationToken cancellationToken)
    {
        var received = time.GetUtcNow().ToUnixTimeMilliseconds();
        var durable = batch.Where(e => e.Lane == FeedLane.Durable)
            .DistinctBy(e => EventKeys.Identity(e.Source, e.Id)).ToList();
        var telemetry = batch.Where(e => e.Lane == FeedLane.Telemetry)
            .GroupBy(e => EventKeys.TelemetryKey(e)!).Select(g => g.MaxBy(e => e.OccurredAt)!).ToList();

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var inserted = durable.Count == 0 ? [] : await InsertNewEventsAsync(connection, transaction,
            [.. durable.Select(e => EventKeys.Row(e, received))], cancellationToken).ConfigureAwait(false);
        var stored = durable.Where(e => inserted.ContainsKey(EventKeys.Identity(e.Source, e.Id)))
            .Select(e => new StoredEvent(inserted[EventKeys.Identity(e.Source, e.Id)], e)).ToList();

        var changes = await project(stored, new OrderHistory(connection, transaction)).ConfigureAwait(false);
        await WriteChangesAsync(connection, transaction, changes).ConfigureAwait(false);
        await WriteTelemetryAsync(connection, transaction, telemetry).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AppendOutcome(stored.Count, durable.Count - stored.Count, telemetry.Count);
    }

    /// <summary>
    /// The events that rebuild the live picture at <paramref name="now"/>: every event of orders still open or
    /// changed since <paramref name="startOfDay"/>, of active alarms since they were raised, of shifts not yet
    /// over, and the latest telemetry; in store order.
    /// </summary>
    public async Task<IReadOnlyList<FeedEvent>> LoadLiveAsync(DateTimeOffset now, DateTimeOffset startOfDay, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new { Since = startOfDay.ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds() };
        var durable = await connection.QueryAsync<(long Seq, string Payload)>(new CommandDefinition("""
            SELECT e.seq, e.payload FROM feed_events e
            WHERE e.work_order_id IN (SELECT id FROM work_orders WHERE is_open = 1 OR last_changed_at_ms >= @Since)
            UNION
            SELECT e.seq, e.payload FROM feed_events e
            JOIN alarms a ON a.alarm_key = e.alarm_key AND a.cleared_at_ms IS NULL AND e.seq >= a.raised_seq
            UNION
            SELECT e.seq, e.payload FROM feed_events e
            JOIN duty_shifts s ON s.event_seq = e.seq AND s.end_ms > @Now
            ORDER BY 1
            """, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var latest = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT event FROM telemetry_latest ORDER BY occurred_at_ms", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. durable.Select(r => r.Payload).Concat(latest).Select(FeedEventJson.Deserialize)];
    }

    public async Task DeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO dead_letters (received_at_ms, source, reason, raw) VALUES (@ReceivedAtMs, @Source, @Reason, @Raw)
            """, new { ReceivedAtMs = letter.ReceivedAt.ToUnixTimeMilliseconds(), letter.Source, letter.Reason, letter.Raw },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long ReceivedAtMs, string Source, string Reason, string Raw)>(new CommandDefinition(
            "SELECT received_at_ms, source, reason, raw FROM dead_letters ORDER BY id DESC LIMIT @Max", new { Max = max },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new DeadLetter(DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAtMs), r.Source, r.Reason, r.Raw))];
    }

    /// <summary>Counts of the main tables, for health and tests.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "feed_events", "work_orders", "work_order_timeline", "dispatches", "alarms", "duty_shifts", "telemetry_latest", "dead_letters" })
        {
            counts[table] = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM {table}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>Every stored event of one order, in store order.</summary>
    private sealed class OrderHistory(DbConnection connection, DbTransaction transaction) : IOrderHistory
    {
        public async Task<IReadOnlyList<FeedEvent>> EventsOfAsync(string workOrderId)
        {
            var payloads = await connection.QueryAsync<string>(
                "SELECT payload FROM feed_events WHERE work_order_id = @WorkOrderId ORDER BY seq",
                new { WorkOrderId = workOrderId }, transaction).ConfigureAwait(false);
            return [.. payloads.Select(FeedEventJson.Deserialize)];
        }
    }
}

/// <summary>Looks up an order's stored history while a batch is being stored (for orders no longer in memory).</summary>
internal interface IOrderHistory
{
    Task<IReadOnlyList<FeedEvent>> EventsOfAsync(string workOrderId);
}
