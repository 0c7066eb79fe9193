using System.Data.Common;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Serialization;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>A dispatch as stored: who sent which order to which unit, in which round, and why that unit.</summary>
public sealed class DispatchRecord
{
    public string IdempotencyKey { get; init; } = "";

    public string WorkOrderId { get; init; } = "";

    public long Round { get; init; }

    public string UnitId { get; init; } = "";

    public string UnitName { get; init; } = "";

    public string Actor { get; init; } = "";

    public long AtMs { get; init; }

    public string Reasons { get; init; } = "";

    /// <summary>The assisting units (协办) dispatched with the lead, one id per line; empty for none.</summary>
    public string Assisting { get; init; } = "";
}

/// <summary>
/// Commands from people (dispatch 派单, desk actions, supervision, roster): each recorded once with its audit row and its
/// outgoing events in one transaction (the outbox), and what the relay has yet to put on the bus.
/// </summary>
public interface IDispatchStore : IStore
{
    Task<DispatchRecord?> FindDispatchAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Records a dispatch, its audit row and its outgoing events in one transaction. When the key was already used,
    /// or another dispatch of the same order and round got there first, nothing is written and that one is returned
    /// (<c>Created</c> false): however many clicks, retries or operators, an order is dispatched once per round.
    /// </summary>
    Task<(DispatchRecord Dispatch, bool Created)> RecordDispatchAsync(DispatchRecord proposed, IReadOnlyList<FeedEvent> events,
        AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>
    /// Records a desk action: its event in the outbox and its audit row, in one transaction. False when that event
    /// (the same action from the same dialog) was already recorded: a repeated click writes nothing twice.
    /// </summary>
    Task<bool> RecordActionAsync(FeedEvent feedEvent, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>True when an event with this id was recorded (an action already done under that dialog key).</summary>
    Task<bool> HasRecordedAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>The latest dispatch of an order, if any.</summary>
    Task<DispatchRecord?> LatestDispatchAsync(string workOrderId, CancellationToken cancellationToken);

    /// <summary>Outbox events not yet confirmed on the bus, oldest first, written before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<FeedEvent>> UnpublishedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    Task MarkPublishedAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken);
}

internal sealed class DispatchStore(Database database) : IDispatchStore
{
    private const string DispatchColumns = """
        idempotency_key AS IdempotencyKey, work_order_id AS WorkOrderId, round AS Round, unit_id AS UnitId,
        unit_name AS UnitName, actor AS Actor, at_ms AS AtMs, reasons AS Reasons, assisting AS Assisting
        """;

    public async Task<DispatchRecord?> FindDispatchAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<DispatchRecord>(new CommandDefinition(
            $"SELECT {DispatchColumns} FROM dispatch_commands WHERE idempotency_key = @idempotencyKey",
            new { idempotencyKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<(DispatchRecord Dispatch, bool Created)> RecordDispatchAsync(DispatchRecord proposed, IReadOnlyList<FeedEvent> events,
        AuditRecord audit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // The insert comes first: it takes the write lock (SQLite) or the unique-key lock (PostgreSQL) before any read.
            var inserted = await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO dispatch_commands (idempotency_key, work_order_id, round, unit_id, unit_name, actor, at_ms, reasons, assisting)
                VALUES (@IdempotencyKey, @WorkOrderId, @Round, @UnitId, @UnitName, @Actor, @AtMs, @Reasons, @Assisting)
                ON CONFLICT DO NOTHING
                """, proposed, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (inserted == 1)
            {
                await AddToOutboxAsync(connection, transaction, events, cancellationToken).ConfigureAwait(false);
                await AuditStore.AppendAsync(database, connection, transaction, audit, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (proposed, true);
            }

            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }

        var winner = await connection.QueryFirstAsync<DispatchRecord>(new CommandDefinition($"""
            SELECT {DispatchColumns} FROM dispatch_commands
            WHERE idempotency_key = @IdempotencyKey OR (work_order_id = @WorkOrderId AND round = @Round)
            ORDER BY CASE WHEN idempotency_key = @IdempotencyKey THEN 0 ELSE 1 END
            """, proposed, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (winner, false);
    }

    public async Task<bool> RecordActionAsync(FeedEvent feedEvent, AuditRecord audit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await AddToOutboxAsync(connection, transaction, [feedEvent], cancellationToken).ConfigureAwait(false) == 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        await AuditStore.AppendAsync(database, connection, transaction, audit, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> HasRecordedAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM outbox WHERE event_id = @eventId",
            new { eventId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    public async Task<DispatchRecord?> LatestDispatchAsync(string workOrderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryFirstOrDefaultAsync<DispatchRecord>(new CommandDefinition(
            $"SELECT {DispatchColumns} FROM dispatch_commands WHERE work_order_id = @workOrderId ORDER BY round DESC LIMIT 1",
            new { workOrderId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedEvent>> UnpublishedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT event_json FROM outbox WHERE published_at_ms IS NULL AND created_at_ms < @before ORDER BY created_at_ms, ordinal LIMIT @max
            """, new { before = before.ToUnixTimeMilliseconds(), max }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(FeedEventJson.Deserialize)];
    }

    public async Task MarkPublishedAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        foreach (var feedEvent in events)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE outbox SET published_at_ms = @at WHERE event_id = @id",
                new { at = database.Time.GetUtcNow().ToUnixTimeMilliseconds(), id = feedEvent.Id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Adds events to the outbox (an event already there is skipped); returns how many were new.</summary>
    private async Task<int> AddToOutboxAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FeedEvent> events,
        CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var feedEvent in events)
        {
            added += await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO outbox (event_id, event_json, created_at_ms) VALUES (@id, @json, @at) ON CONFLICT DO NOTHING
                """, new { id = feedEvent.Id, json = FeedEventJson.Serialize(feedEvent), at = database.Time.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return added;
    }
}
