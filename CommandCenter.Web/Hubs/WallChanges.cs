using CommandCenter.Domain.Situation;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// What changed for a wall between two pictures of its scope: one delta per kind that changed. The order and alarm lists are the
/// subscriber's top N: an id removed has left the top N (closed, or pushed down by newer ones); the counts say how many there are.
/// </summary>
internal sealed record WallChanges(Delta<IncidentMessage>? Incidents, Delta<AlarmMessage>? Alarms, KpiMessage? Kpis,
    Delta<DutyMessage>? Duty, Delta<DroneMessage>? Drones, Delta<CrowdMessage>? Crowd, GridMembersMessage? GridMembers = null,
    Delta<PatrolMessage>? Patrols = null, Delta<CameraMessage>? Cameras = null)
{
    /// <summary>The changes from <paramref name="before"/> to <paramref name="now"/>; null when a wall would see none.</summary>
    public static WallChanges? Between(SituationSnapshot before, SituationSnapshot now, int top = WallSubscriber.DefaultTop)
    {
        var scope = now.Scope.Value;
        // The used fraction of a limit moves with the clock; clients work it out from the deadline. Only a change
        // of state, light, supervision, unit or deadline sends an order again.
        var changes = new WallChanges(
            Diff(before.OpenOrders.Take(top), now.OpenOrders.Take(top), c => c.Id.Value, IncidentMessage.From, scope, c => c with { FractionUsed = 0 }),
            Diff(before.ActiveAlarms.Take(top), now.ActiveAlarms.Take(top), a => a.Id, AlarmMessage.From, scope),
            KpiMessage.Changed(before, now) ? KpiMessage.From(now) : null,
            Diff(before.OnDuty, now.OnDuty, d => d.Id, d => new DutyMessage(d.Id, d.Scope.Value, d.Leader.Name, d.Leader.Phone, d.Start, d.End), scope),
            Diff(before.Drones, now.Drones, d => d.DroneId, d => new DroneMessage(d.DroneId, d.Position.Latitude, d.Position.Longitude,
                d.AltitudeMeters, d.HeadingDegrees, d.BatteryPercent, d.Mission, d.At), scope),
            Diff(before.Crowd, now.Crowd, c => c.AreaId, CrowdMessage.From, scope),
            GridMembersMessage.From(now) is var members && !members.SameAs(GridMembersMessage.From(before)) ? members : null,
            Diff(before.Patrols.IsDefault ? [] : before.Patrols, now.Patrols.IsDefault ? [] : now.Patrols, p => p.MemberId, PatrolMessage.From, scope),
            Diff(before.Cameras.IsDefault ? [] : before.Cameras, now.Cameras.IsDefault ? [] : now.Cameras, c => c.Id.Value, CameraMessage.From, scope));
        return changes is { Incidents: null, Alarms: null, Kpis: null, Duty: null, Drones: null, Crowd: null, GridMembers: null, Patrols: null, Cameras: null }
            ? null : changes;
    }

    public async Task SendAsync(IWallClient client)
    {
        if (Incidents is not null)
        {
            await client.IncidentsChanged(Incidents).ConfigureAwait(false);
        }

        if (Alarms is not null)
        {
            await client.AlarmsChanged(Alarms).ConfigureAwait(false);
        }

        if (Kpis is not null)
        {
            await client.KpisChanged(Kpis).ConfigureAwait(false);
        }

        if (Duty is not null)
        {
            await client.DutyChanged(Duty).ConfigureAwait(false);
        }

        if (Drones is not null)
        {
            await client.DronesChanged(Drones).ConfigureAwait(false);
        }

        if (Crowd is not null)
        {
            await client.CrowdChanged(Crowd).ConfigureAwait(false);
        }

        if (GridMembers is not null)
        {
            await client.GridMembersChanged(GridMembers).ConfigureAwait(false);
        }

        if (Patrols is not null)
        {
            await client.PatrolsChanged(Patrols).ConfigureAwait(false);
        }

        if (Cameras is not null)
        {
            await client.CamerasChanged(Cameras).ConfigureAwait(false);
        }
    }

    /// <summary>Items new or different in <paramref name="now"/>, and ids gone from it; null when nothing changed.</summary>
    internal static Delta<TMessage>? Diff<TItem, TMessage>(IEnumerable<TItem> before, IEnumerable<TItem> now, Func<TItem, string> id,
        Func<TItem, TMessage> message, string scope, Func<TItem, object?>? compareBy = null)
    {
        compareBy ??= item => item;
        var old = before.ToDictionary(id);
        var upserted = now.Where(item => !old.TryGetValue(id(item), out var was) || !Equals(compareBy(was), compareBy(item))).Select(message).ToList();
        var current = now.Select(id).ToHashSet();
        var removed = old.Keys.Where(k => !current.Contains(k)).ToList();
        return upserted.Count == 0 && removed.Count == 0 ? null : new Delta<TMessage>(scope, upserted, removed);
    }
}
