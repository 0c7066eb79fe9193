using System.Data.Common;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>
/// The tables projected from the log (orders, timeline, dispatches, alarms, shifts, cameras) and the mark of how far in
/// the log they have been brought: changes and mark move together, in one transaction, so after a crash the projection
/// resumes exactly where its last commit left it.
/// </summary>
public interface IProjectedTables : IStore
{
    /// <summary>The log position the tables reflect (0 for none).</summary>
    Task<long> ProjectedUpToAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="changes"/> and moves the mark from <paramref name="from"/> to <paramref name="upTo"/>, in one
    /// transaction. Throws <see cref="ProjectionMarkMovedException"/>, writing nothing, when the stored mark is not at
    /// <paramref name="from"/>: a commit the caller counted on was lost (a database crash), or another projector moved it.
    /// </summary>
    internal Task ApplyAsync(StateChanges changes, long from, long upTo, CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the projection's lease for <paramref name="holder"/> until <paramref name="now"/> plus
    /// <paramref name="lease"/>; false while another holder's lease runs.
    /// </summary>
    internal Task<bool> TryHoldAsync(string holder, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>The camera registry, by id.</summary>
    Task<IReadOnlyList<Domain.Cameras.Camera>> CamerasAsync(CancellationToken cancellationToken);
}

internal sealed class ProjectedTables(Database database) : IProjectedTables
{
    /// <summary>The mark's name in <c>projection_marks</c>.</summary>
    public const string TablesMark = "tables";

    public async Task<long> ProjectedUpToAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT position FROM projection_marks WHERE name = @Name", new { Name = TablesMark },
            cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
    }

    async Task IProjectedTables.ApplyAsync(StateChanges changes, long from, long upTo, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        // Redone from the log if lost: the mark commits with the rows, and the next batch finds it where it really is.
        await using var transaction = await database.BeginRedoableAsync(connection, cancellationToken).ConfigureAwait(false);
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE projection_marks SET position = @UpTo WHERE name = @Name AND position = @From",
            new { Name = TablesMark, From = from, UpTo = upTo }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (moved == 0 && (from != 0 || await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO projection_marks (name, position) VALUES (@Name, @UpTo) ON CONFLICT (name) DO NOTHING",
                new { Name = TablesMark, UpTo = upTo }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0))
        {
            throw new ProjectionMarkMovedException($"the tables' mark is no longer at {from}; projecting again from where it stands");
        }

        await WriteAsync(database, connection, transaction, changes).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Feeds.Telemetry.CenterMetrics.StoreBatch.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("stage", "tables"));
    }

    async Task<bool> IProjectedTables.TryHoldAsync(string holder, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new { Name = TablesMark, Holder = holder, Now = now.ToUnixTimeMilliseconds(), Until = (now + lease).ToUnixTimeMilliseconds() };
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO projection_marks (name, position) VALUES (@Name, 0) ON CONFLICT (name) DO NOTHING",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE projection_marks SET holder = @Holder, held_until_ms = @Until
            WHERE name = @Name AND (holder IS NULL OR holder = @Holder OR held_until_ms < @Now)
            """, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<Domain.Cameras.Camera>> CamerasAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CameraRow>(new CommandDefinition($"""
            SELECT id AS {nameof(CameraRow.Id)}, name AS {nameof(CameraRow.Name)}, scope AS {nameof(CameraRow.Scope)},
                lat AS {nameof(CameraRow.Lat)}, lon AS {nameof(CameraRow.Lon)}, online AS {nameof(CameraRow.Online)},
                stream_url AS {nameof(CameraRow.StreamUrl)}, event_seq AS {nameof(CameraRow.EventSeq)}
            FROM cameras ORDER BY id
            """, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToCamera())];
    }

    /// <summary>Writes a batch's table changes inside the caller's transaction.</summary>
    internal static async Task WriteAsync(Database database, DbConnection connection, DbTransaction transaction, StateChanges changes)
    {
        // Orders first: timeline and dispatch rows refer to them.
        await database.ExecuteManyAsync(connection, transaction, $"""
            INSERT INTO work_orders ({WorkOrderColumns}) VALUES ({WorkOrderValues})
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, is_open = excluded.is_open,
                supervision = excluded.supervision, unit_id = excluded.unit_id, stage = excluded.stage,
                stage_deadline_ms = excluded.stage_deadline_ms, parked = excluded.parked,
                last_changed_at_ms = excluded.last_changed_at_ms, signed_off_at_ms = excluded.signed_off_at_ms,
                closed_at_ms = excluded.closed_at_ms, closure = excluded.closure, satisfaction = excluded.satisfaction,
                dispatch_count = excluded.dispatch_count, return_count = excluded.return_count,
                rework_count = excluded.rework_count, postpone_count = excluded.postpone_count,
                ever_overdue = excluded.ever_overdue, signed_off_on_time = excluded.signed_off_on_time,
                handled_on_time = excluded.handled_on_time, level = excluded.level, reopen_count = excluded.reopen_count,
                mediation = excluded.mediation, rectify_by_ms = excluded.rectify_by_ms, placard = excluded.placard,
                special_group = excluded.special_group
            """, changes.Orders).ConfigureAwait(false);
        await database.ExecuteManyAsync(connection, transaction, """
            INSERT INTO work_order_timeline (work_order_id, ordinal, at_ms, actor, action, from_state, to_state, note)
            VALUES (@WorkOrderId, @Ordinal, @AtMs, @Actor, @Action, @FromState, @ToState, @Note)
            ON CONFLICT (work_order_id, ordinal) DO NOTHING
            """, changes.Timeline).ConfigureAwait(false);
        await database.ExecuteManyAsync(connection, transaction, """
            INSERT INTO dispatches (work_order_id, ordinal, unit_id, at_ms, actor)
            VALUES (@WorkOrderId, @Ordinal, @UnitId, @AtMs, @Actor)
            ON CONFLICT (work_order_id, ordinal) DO NOTHING
            """, changes.Dispatches).ConfigureAwait(false);
        await database.ExecuteManyAsync(connection, transaction, """
            INSERT INTO work_order_units (work_order_id, round, unit_id, role, signed_off_at_ms, reported_at_ms, released_at_ms)
            VALUES (@WorkOrderId, @Round, @UnitId, @Role, @SignedOffAtMs, @ReportedAtMs, @ReleasedAtMs)
            ON CONFLICT (work_order_id, round, unit_id) DO UPDATE SET role = excluded.role, signed_off_at_ms = excluded.signed_off_at_ms,
                reported_at_ms = excluded.reported_at_ms, released_at_ms = excluded.released_at_ms
            """, changes.Units).ConfigureAwait(false);
        await database.ExecuteManyAsync(connection, transaction, """
            INSERT INTO grid_tasks (id, kind, member_id, scope, title, work_order_id, alarm_id, note, assigned_at_ms, done_at_ms, result, event_seq)
            VALUES (@Id, @Kind, @MemberId, @Scope, @Title, @WorkOrderId, @AlarmId, @Note, @AssignedAtMs, @DoneAtMs, @Result, @EventSeq)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, member_id = excluded.member_id, scope = excluded.scope, title = excluded.title,
                work_order_id = excluded.work_order_id, alarm_id = excluded.alarm_id, note = excluded.note,
                assigned_at_ms = excluded.assigned_at_ms, done_at_ms = excluded.done_at_ms, result = excluded.result, event_seq = excluded.event_seq
            """, changes.Tasks).ConfigureAwait(false);
        await database.ExecuteManyAsync(connection, transaction, """
            INSERT INTO alarms (alarm_id, alarm_key, raised_seq, device_id, kind, severity, description, scope,
                raised_at_ms, last_seen_at_ms, repeat_count, cleared_at_ms, acknowledged_at_ms, acknowledged_by)
            VALUES (@AlarmId, @AlarmKey, @RaisedSeq, @DeviceId, @Kind, @Severity, @Description, @Scope,
                @RaisedAtMs, @LastSeenAtMs, @RepeatCount, @ClearedAtMs, @AcknowledgedAtMs, @AcknowledgedBy)
            ON CONFLICT (alarm_id) DO UPDATE SET severity = excluded.severity, description = excluded.description,
                last_seen_at_ms = excluded.last_seen_at_ms, repeat_count = excluded.repeat_count, cleared_at_ms = excluded.cleared_at_ms,
                acknowledged_at_ms = excluded.acknowledged_at_ms, acknowledged_by = excluded.acknowledged_by
            """, changes.Alarms).ConfigureAwait(false);
        await database.ExecuteManyAsync(connection, transaction, $"""
            INSERT INTO duty_shifts (id, scope, leader_name, leader_phone, members, start_ms, end_ms, event_seq)
            VALUES (@Id, @Scope, @LeaderName, @LeaderPhone, {database.JsonParameter("@Members")}, @StartMs, @EndMs, @EventSeq)
            ON CONFLICT (id) DO UPDATE SET scope = excluded.scope, leader_name = excluded.leader_name,
                leader_phone = excluded.leader_phone, members = excluded.members, start_ms = excluded.start_ms,
                end_ms = excluded.end_ms, event_seq = excluded.event_seq
            """, changes.Shifts).ConfigureAwait(false);
        await database.ExecuteManyAsync(connection, transaction, """
            INSERT INTO cameras (id, name, scope, lat, lon, online, stream_url, event_seq)
            VALUES (@Id, @Name, @Scope, @Lat, @Lon, @Online, @StreamUrl, @EventSeq)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, scope = excluded.scope, lat = excluded.lat, lon = excluded.lon,
                online = excluded.online, stream_url = excluded.stream_url, event_seq = excluded.event_seq
            """, changes.Cameras).ConfigureAwait(false);
    }

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
        ("handled_on_time", nameof(WorkOrderRow.HandledOnTime)), ("level", nameof(WorkOrderRow.Level)),
        ("reopen_count", nameof(WorkOrderRow.ReopenCount)), ("mediation", nameof(WorkOrderRow.Mediation)),
        ("rectify_by_ms", nameof(WorkOrderRow.RectifyByMs)), ("placard", nameof(WorkOrderRow.Placard)),
        ("special_group", nameof(WorkOrderRow.SpecialGroup)),
    ];
}

/// <summary>The tables' mark was not where the projector left it; it rebuilds from the stored mark and projects again.</summary>
public sealed class ProjectionMarkMovedException(string message) : Exception(message);
