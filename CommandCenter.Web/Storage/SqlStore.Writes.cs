using System.Data.Common;
using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Serialization;
using Dapper;

namespace CommandCenter.Web.Storage;

public abstract partial class SqlStore
{
    private async Task WriteChangesAsync(DbConnection connection, DbTransaction transaction, StateChanges changes)
    {
        // Orders first: timeline and dispatch rows refer to them.
        await ExecuteManyAsync(connection, transaction, $"""
            INSERT INTO work_orders ({WorkOrderColumns}) VALUES ({WorkOrderValues})
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, is_open = excluded.is_open,
                supervision = excluded.supervision, unit_id = excluded.unit_id, stage = excluded.stage,
                stage_deadline_ms = excluded.stage_deadline_ms, parked = excluded.parked,
                last_changed_at_ms = excluded.last_changed_at_ms, signed_off_at_ms = excluded.signed_off_at_ms,
                closed_at_ms = excluded.closed_at_ms, closure = excluded.closure, satisfaction = excluded.satisfaction,
                dispatch_count = excluded.dispatch_count, return_count = excluded.return_count,
                rework_count = excluded.rework_count, postpone_count = excluded.postpone_count,
                ever_overdue = excluded.ever_overdue, signed_off_on_time = excluded.signed_off_on_time,
                handled_on_time = excluded.handled_on_time
            """, changes.Orders).ConfigureAwait(false);
        await ExecuteManyAsync(connection, transaction, """
            INSERT INTO work_order_timeline (work_order_id, ordinal, at_ms, actor, action, from_state, to_state, note)
            VALUES (@WorkOrderId, @Ordinal, @AtMs, @Actor, @Action, @FromState, @ToState, @Note)
            ON CONFLICT (work_order_id, ordinal) DO NOTHING
            """, changes.Timeline).ConfigureAwait(false);
        await ExecuteManyAsync(connection, transaction, """
            INSERT INTO dispatches (work_order_id, ordinal, unit_id, at_ms, actor)
            VALUES (@WorkOrderId, @Ordinal, @UnitId, @AtMs, @Actor)
            ON CONFLICT (work_order_id, ordinal) DO NOTHING
            """, changes.Dispatches).ConfigureAwait(false);
        await ExecuteManyAsync(connection, transaction, """
            UPDATE alarms SET cleared_at_ms = @ClearedAtMs WHERE alarm_key = @AlarmKey AND cleared_at_ms IS NULL
            """, changes.AlarmClears).ConfigureAwait(false);
        await ExecuteManyAsync(connection, transaction, """
            INSERT INTO alarms (alarm_id, alarm_key, raised_seq, device_id, kind, severity, description, scope,
                raised_at_ms, last_seen_at_ms, repeat_count, acknowledged_at_ms, acknowledged_by)
            VALUES (@AlarmId, @AlarmKey, @RaisedSeq, @DeviceId, @Kind, @Severity, @Description, @Scope,
                @RaisedAtMs, @LastSeenAtMs, @RepeatCount, @AcknowledgedAtMs, @AcknowledgedBy)
            ON CONFLICT (alarm_id) DO UPDATE SET severity = excluded.severity, description = excluded.description,
                last_seen_at_ms = excluded.last_seen_at_ms, repeat_count = excluded.repeat_count,
                acknowledged_at_ms = excluded.acknowledged_at_ms, acknowledged_by = excluded.acknowledged_by
            """, changes.Alarms).ConfigureAwait(false);
        await ExecuteManyAsync(connection, transaction, $"""
            INSERT INTO duty_shifts (id, scope, leader_name, leader_phone, members, start_ms, end_ms, event_seq)
            VALUES (@Id, @Scope, @LeaderName, @LeaderPhone, {JsonParameter("@Members")}, @StartMs, @EndMs, @EventSeq)
            ON CONFLICT (id) DO UPDATE SET scope = excluded.scope, leader_name = excluded.leader_name,
                leader_phone = excluded.leader_phone, members = excluded.members, start_ms = excluded.start_ms,
                end_ms = excluded.end_ms, event_seq = excluded.event_seq
            """, changes.Shifts).ConfigureAwait(false);
    }

    private async Task WriteTelemetryAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FeedEvent> telemetry)
    {
        var rows = telemetry.Select(e => new TelemetryRow(EventKeys.TelemetryKey(e)!, e.Kind.ToString(), e.Scope.Value,
            e.OccurredAt.ToUnixTimeMilliseconds(), FeedEventJson.Serialize(e)));
        await ExecuteManyAsync(connection, transaction, $"""
            INSERT INTO telemetry_latest (key, kind, scope, occurred_at_ms, event)
            VALUES (@Key, @Kind, @Scope, @OccurredAtMs, {JsonParameter("@Event")})
            ON CONFLICT (key) DO UPDATE SET scope = excluded.scope, occurred_at_ms = excluded.occurred_at_ms, event = excluded.event
            WHERE excluded.occurred_at_ms > telemetry_latest.occurred_at_ms
            """, rows).ConfigureAwait(false);
    }

    /// <summary>Runs one statement for each row, in the transaction; a dialect may send them in one round trip.</summary>
    private protected virtual async Task ExecuteManyAsync<T>(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<T> rows)
    {
        await connection.ExecuteAsync(sql, rows, transaction).ConfigureAwait(false);
    }

    /// <summary>How a JSON text parameter is written into a JSON column of this dialect.</summary>
    private protected virtual string JsonParameter(string name) => name;

    private static string WorkOrderValues => string.Join(", ", WorkOrderFields.Select(f => "@" + f.Property));

    private static string WorkOrderColumns => string.Join(", ", WorkOrderFields.Select(f => f.Column));

    private static readonly (string Column, string Property)[] WorkOrderFields =
    [
        ("id", nameof(WorkOrderRow.Id)), ("kind", nameof(WorkOrderRow.Kind)), ("source", nameof(WorkOrderRow.Source)),
        ("category", nameof(WorkOrderRow.Category)), ("urgency", nameof(WorkOrderRow.Urgency)),
        ("title", nameof(WorkOrderRow.Title)), ("scope", nameof(WorkOrderRow.Scope)), ("lat", nameof(WorkOrderRow.Lat)),
        ("lon", nameof(WorkOrderRow.Lon)), ("address", nameof(WorkOrderRow.Address)),
        ("reporter_contact", nameof(WorkOrderRow.ReporterContact)), ("state", nameof(WorkOrderRow.State)),
        ("is_open", nameof(WorkOrderRow.IsOpen)), ("supervision", nameof(WorkOrderRow.Supervision)),
        ("unit_id", nameof(WorkOrderRow.UnitId)), ("stage", nameof(WorkOrderRow.Stage)),
        ("stage_deadline_ms", nameof(WorkOrderRow.StageDeadlineMs)), ("parked", nameof(WorkOrderRow.Parked)),
        ("reported_at_ms", nameof(WorkOrderRow.ReportedAtMs)), ("last_changed_at_ms", nameof(WorkOrderRow.LastChangedAtMs)),
        ("signed_off_at_ms", nameof(WorkOrderRow.SignedOffAtMs)), ("closed_at_ms", nameof(WorkOrderRow.ClosedAtMs)),
        ("closure", nameof(WorkOrderRow.Closure)), ("satisfaction", nameof(WorkOrderRow.Satisfaction)),
        ("dispatch_count", nameof(WorkOrderRow.DispatchCount)), ("return_count", nameof(WorkOrderRow.ReturnCount)),
        ("rework_count", nameof(WorkOrderRow.ReworkCount)), ("postpone_count", nameof(WorkOrderRow.PostponeCount)),
        ("ever_overdue", nameof(WorkOrderRow.EverOverdue)), ("signed_off_on_time", nameof(WorkOrderRow.SignedOffOnTime)),
        ("handled_on_time", nameof(WorkOrderRow.HandledOnTime)),
    ];
}
