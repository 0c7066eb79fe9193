using System.Text.Json;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Web.Storage;

/// <summary>
/// Turns newly stored events into table rows by running them through the domain (the same state machine the
/// walls use), so the tables never disagree with the live picture. Keeps its own projection; an order no longer
/// in memory is reloaded from its stored events.
/// </summary>
internal sealed class StateProjector(Feeds.Reference.ReferenceBook reference, TimeProvider time)
{
    private SituationProjection _projection = New(reference.Current.Data);

    private static SituationProjection New(Domain.Reference.ReferenceData data) => new(data.Tree, data.Categories, data.Sla);

    /// <summary>Starts over from the stored live picture (at start, and after a failed transaction).</summary>
    public void Reset(IEnumerable<FeedEvent> stored)
    {
        _projection = New(reference.Current.Data);
        foreach (var e in stored)
        {
            _projection.Apply(e);
        }
    }

    public int Prune() => _projection.Prune(time.GetUtcNow());

    public async Task<StateChanges> ProjectAsync(IReadOnlyList<StoredEvent> stored, IOrderHistory history)
    {
        var changes = new StateChanges();
        var ordersBefore = new Dictionary<WorkOrderId, int>();
        // Alarms in the order the batch first touched them, cleared ones included: an alarm raised and cleared within
        // one batch still gets its row, so the tables do not depend on how the log was cut into batches.
        var alarmsTouched = new OrderedDictionary<Domain.Alarms.Alarm, long>(ReferenceEqualityComparer.Instance);
        var seqOf = stored.GroupBy(s => s.Event.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Seq, StringComparer.Ordinal);
        foreach (var (seq, e) in stored)
        {
            if (e.Payload is WorkOrderActed act && _projection.FindOrder(act.WorkOrderId) is null)
            {
                // An order closed days ago and pruned from memory: replay what the store holds of it, but not this
                // batch, whose events follow below and must show up as new timeline rows.
                foreach (var past in await history.EventsOfAsync(act.WorkOrderId.Value, seq).ConfigureAwait(false))
                {
                    if (!seqOf.ContainsKey(past.Id))
                    {
                        _projection.Apply(past);
                    }
                }
            }

            if (EventKeys.WorkOrderId(e) is { } orderId)
            {
                var id = WorkOrderId.From(orderId);
                ordersBefore.TryAdd(id, _projection.FindOrder(id)?.Timeline.Count ?? 0);
            }

            var clearing = e.Payload is AlarmCleared c ? _projection.FindActiveAlarm(c.DeviceId, c.AlarmKind) : null;
            var outcome = _projection.Apply(e);
            switch (e.Payload)
            {
                case AlarmRaised p:
                    Touch(alarmsTouched, _projection.FindActiveAlarm(p.DeviceId, p.AlarmKind), seq);
                    break;
                case AlarmAcknowledged p:
                    Touch(alarmsTouched, _projection.FindActiveAlarm(p.DeviceId, p.AlarmKind), seq);
                    break;
                case AlarmCleared:
                    Touch(alarmsTouched, clearing, seq);
                    break;
                case DutyShiftPosted p:
                    changes.Shifts.Add(ShiftRow(p, seq));
                    break;
                case GridTaskAssigned p when outcome.Result == ApplyResult.Applied:
                    changes.Tasks.Add(GridTaskRow.Of(p.Task, seq));
                    break;
                case GridTaskDone p when outcome.Result == ApplyResult.Applied && _projection.FindTask(p.TaskId) is { } done:
                    changes.Tasks.Add(GridTaskRow.Of(done, seq));
                    break;
                case CameraRegistered p when outcome.Result == ApplyResult.Applied: // a source past its cap gets no row, as on the walls
                    changes.Cameras.RemoveAll(c => c.Id == p.Camera.Id.Value);
                    changes.Cameras.Add(CameraRow.Of(p.Camera, seq));
                    break;
                case ReferenceImported p when reference.EditionOf(p).Edition is { } edition:
                    // The log's order decides which reference data each later event is projected under, on every node.
                    _projection.UseReference(edition.Data.Tree, edition.Data.Categories, edition.Data.Sla);
                    break;
            }
        }

        var now = time.GetUtcNow();
        foreach (var (id, before) in ordersBefore)
        {
            if (_projection.FindOrder(id) is { } order)
            {
                AddOrder(changes, order, before, now);
            }
        }

        foreach (var (a, seq) in alarmsTouched)
        {
            // Replaying an alarm starts at the event that raised it, not at its latest repeat.
            var raisedSeq = seqOf.TryGetValue(a.Id, out var raised) ? raised : seq;
            changes.Alarms.Add(new AlarmRow(a.Id, EventKeys.Alarm(a.DeviceId, a.Kind), raisedSeq, a.DeviceId, a.Kind.ToString(),
                a.Severity.ToString(), a.Description, a.Scope.Value, Ms(a.RaisedAt), Ms(a.LastSeenAt), a.Count,
                a.ClearedAt is { } cleared ? Ms(cleared) : null, a.AcknowledgedAt is { } ack ? Ms(ack) : null, a.AcknowledgedBy));
        }

        return changes;
    }

    private static void AddOrder(StateChanges changes, WorkOrder o, int timelineBefore, DateTimeOffset now)
    {
        var r = o.Report;
        var sla = o.SlaAt(now);
        changes.Orders.Add(new WorkOrderRow(o.Id.Value, r.Kind.ToString(), r.Source.ToString(), r.Category.Value,
            r.Urgency.ToString(), r.Title, r.Scope.Value, r.Location?.Latitude, r.Location?.Longitude, r.Address,
            r.ReporterContact, o.State.ToString(), o.IsOpen ? 1 : 0, o.Supervision.ToString(), o.UnitId, o.Stage.ToString(),
            sla.Deadline is { } d ? Ms(d) : null, o.IsParked ? 1 : 0, Ms(o.ReportedAt), Ms(o.LastChangedAt),
            o.SignedOffAt is { } s ? Ms(s) : null, o.ClosedAt is { } c ? Ms(c) : null, o.Closure?.ToString(),
            (int?)o.Satisfaction, o.DispatchCount, o.ReturnCount, o.ReworkCount, o.PostponeCount, o.EverOverdue ? 1 : 0,
            Flag(o.SignedOffOnTime), Flag(o.HandledOnTime), o.Level.ToString(), o.ReopenCount, o.Mediation?.ToString(),
            o.RectifyBy is { } by ? Ms(by) : null, r.Matter is { Placard: not Domain.Categories.Placard.None } m ? m.Placard.ToString() : null,
            r.Matter?.Group));
        foreach (var (round, part) in o.PartsByRound) // every round's, so the rows never depend on where a batch ended
        {
            changes.Units.Add(new UnitPartRow(o.Id.Value, round, part.UnitId, part.Role.ToString(), MsOrNull(part.SignedOffAt),
                MsOrNull(part.ReportedAt), MsOrNull(part.ReleasedAt)));
        }

        for (var i = timelineBefore; i < o.Timeline.Count; i++)
        {
            var t = o.Timeline[i];
            changes.Timeline.Add(new TimelineRow(o.Id.Value, i, Ms(t.At), t.Actor, t.Action.ToString(), t.From.ToString(),
                t.To.ToString(), t.Note));
            if (t.Action == WorkOrderAction.Dispatch)
            {
                changes.Dispatches.Add(new DispatchRow(o.Id.Value, i, t.Note ?? "", Ms(t.At), t.Actor));
            }
        }
    }

    /// <summary>Remembers the alarm with the position that first touched it in the batch (one lookup, not a scan).</summary>
    private static void Touch(OrderedDictionary<Domain.Alarms.Alarm, long> touched, Domain.Alarms.Alarm? alarm, long seq)
    {
        if (alarm is not null)
        {
            touched.TryAdd(alarm, seq);
        }
    }

    private static DutyShiftRow ShiftRow(DutyShiftPosted p, long seq) => new(p.Shift.Id, p.Shift.Scope.Value,
        p.Shift.Leader.Name, p.Shift.Leader.Phone, JsonSerializer.Serialize(p.Shift.Members), Ms(p.Shift.Start), Ms(p.Shift.End), seq);

    private static int? Flag(bool? value) => value is { } v ? (v ? 1 : 0) : null;

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static long? MsOrNull(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();
}
