using System.Data.Common;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Feeds.Serialization;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>
/// The data step of migration 008: namespaces by their source the order ids and alarm devices of events stored before
/// identities were scoped (<see cref="SourceScope"/>), in log order, so a later event that names an order or device
/// (a desk action, an acknowledgement) follows the report or alarm it named. The projected tables are emptied and
/// their mark reset in the same transaction: the projection rebuilds them from the rewritten log.
/// </summary>
internal sealed class SourceScopedIds
{
    private const int ReadBatch = 2_000;

    private readonly Dictionary<string, WorkOrderId> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Device, AlarmKind Kind), string> _devices = [];

    /// <summary>Runs the step inside the migration's transaction; returns how many events it rewrote.</summary>
    public static async Task<int> MigrateAsync(Database database, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var scoping = new SourceScopedIds();
        var rewritten = 0;
        long after = 0;
        while (true)
        {
            var rows = (await connection.QueryAsync<(long Seq, string Payload)>(new CommandDefinition(
                "SELECT seq, payload FROM feed_events WHERE seq > @After ORDER BY seq LIMIT @Max", new { After = after, Max = ReadBatch },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
            if (rows.Count == 0)
            {
                break;
            }

            var changed = rows.Select(r => (r.Seq, Event: scoping.Rewrite(FeedEventJson.Deserialize(r.Payload)))).Where(r => r.Event is not null)
                .Select(r => new { r.Seq, Payload = FeedEventJson.Serialize(r.Event!), WorkOrderId = EventKeys.WorkOrderId(r.Event!), AlarmKey = EventKeys.AlarmKey(r.Event!) })
                .ToList();
            await database.ExecuteManyAsync(connection, transaction, $"""
                UPDATE feed_events SET payload = {database.JsonParameter("@Payload")}, work_order_id = @WorkOrderId, alarm_key = @AlarmKey
                WHERE seq = @Seq
                """, changed).ConfigureAwait(false);
            rewritten += changed.Count;
            after = rows[^1].Seq;
        }

        // Batched (one round trip per batch on PostgreSQL), not a statement per order.
        await database.ExecuteManyAsync(connection, transaction, "UPDATE dispatch_commands SET work_order_id = @New WHERE work_order_id = @Old",
            scoping._orders.Select(o => new { Old = o.Key, New = o.Value.Value })).ConfigureAwait(false);
        foreach (var table in new[] { "work_order_timeline", "dispatches", "work_orders", "alarms", "duty_shifts", "cameras" })
        {
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table}", transaction: transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(new CommandDefinition("UPDATE projection_marks SET position = 0",
            transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rewritten;
    }

    /// <summary>The event with its identities scoped, or null when it needs no change.</summary>
    internal FeedEvent? Rewrite(FeedEvent e)
    {
        FeedPayload? payload = e.Payload switch
        {
            WorkOrderReported r when !Scoped(r.Report.Id.Value, e.Source) => new WorkOrderReported(r.Report with { Id = Order(r.Report.Id.Value, e.Source) }),
            WorkOrderActed a when _orders.TryGetValue(a.WorkOrderId.Value, out var order) => a with { WorkOrderId = order },
            AlarmRaised p when !Scoped(p.DeviceId, e.Source) => p with { DeviceId = _devices[(p.DeviceId, p.AlarmKind)] = SourceScope.Of(e.Source, p.DeviceId) },
            AlarmCleared p when Device(p.DeviceId, p.AlarmKind, e.Source) is { } device => p with { DeviceId = device },
            AlarmAcknowledged p when Device(p.DeviceId, p.AlarmKind, e.Source) is { } device => p with { DeviceId = device },
            _ => null,
        };
        return payload is null ? null : new FeedEvent(e.Id, e.Source, e.OccurredAt, e.Scope, payload);
    }

    /// <summary>
    /// A reported order's scoped id. Actions that name the old id follow the first report of it, as they did when a
    /// second source's report of the same id was refused; that second report now stands as its own source's order.
    /// </summary>
    private WorkOrderId Order(string id, string source)
    {
        var scoped = WorkOrderId.From(SourceScope.Of(source, id));
        _orders.TryAdd(id, scoped);
        return scoped;
    }

    /// <summary>The scoped device an unscoped clear or acknowledgement names: that of the alarm raised last on it.</summary>
    private string? Device(string device, AlarmKind kind, string source) =>
        !Scoped(device, source) && _devices.TryGetValue((device, kind), out var scoped) ? scoped : null;

    private static bool Scoped(string id, string source) => id.StartsWith(source + ".", StringComparison.Ordinal);
}
