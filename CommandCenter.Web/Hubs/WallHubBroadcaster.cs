using CommandCenter.Domain.Situation;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// On each wall signal (at most every 250 ms), sends each subscribed jurisdiction what changed since its last
/// message, one message per kind that changed: so the hub's traffic follows the signal, not the event rate.
/// </summary>
public sealed partial class WallHubBroadcaster(WallSignal signal, LiveSituation live, WallHubGroups groups,
    IHubContext<WallHub, IWallClient> hub, ILogger<WallHubBroadcaster> logger) : IHostedService
{
    private IDisposable? _subscription;
    private int _sending;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = signal.Subscribe(BroadcastAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    internal async Task BroadcastAsync()
    {
        if (Interlocked.Exchange(ref _sending, 1) == 1)
        {
            return; // the previous round is still going out; the next signal carries these changes
        }

        try
        {
            foreach (var scope in groups.Scopes.ToList())
            {
                var before = groups.LastSent(scope);
                var now = live.Snapshot(scope);
                if (before is null || ReferenceEquals(before, now))
                {
                    continue;
                }

                await SendChangesAsync(WallHubGroups.Name(scope), before, now).ConfigureAwait(false);
                groups.Sent(scope, now);
            }
        }
        catch (Exception ex)
        {
            LogBroadcastFailed(ex);
        }
        finally
        {
            Volatile.Write(ref _sending, 0);
        }
    }

    private async Task SendChangesAsync(string group, SituationSnapshot before, SituationSnapshot now)
    {
        var client = hub.Clients.Group(group);
        var scope = now.Scope.Value;
        // The used fraction of a limit moves with the clock; clients work it out from the deadline. Only a change
        // of state, light, supervision, unit or deadline sends an order again.
        if (Diff(before.OpenOrders, now.OpenOrders, c => c.Id.Value, IncidentMessage.From, scope, c => c with { FractionUsed = 0 }) is { } incidents)
        {
            await client.IncidentsChanged(incidents).ConfigureAwait(false);
        }

        if (Diff(before.ActiveAlarms, now.ActiveAlarms, a => a.Id, AlarmMessage.From, scope) is { } alarms)
        {
            await client.AlarmsChanged(alarms).ConfigureAwait(false);
        }

        if (before.Counts != now.Counts || before.Kpis != now.Kpis)
        {
            await client.KpisChanged(KpiMessage.From(now)).ConfigureAwait(false);
        }

        if (Diff(before.OnDuty, now.OnDuty, d => d.Id, d => new DutyMessage(d.Id, d.Scope.Value, d.Leader.Name, d.Leader.Phone, d.Start, d.End), scope) is { } duty)
        {
            await client.DutyChanged(duty).ConfigureAwait(false);
        }

        if (Diff(before.Drones, now.Drones, d => d.DroneId, d => new DroneMessage(d.DroneId, d.Position.Latitude, d.Position.Longitude,
                d.AltitudeMeters, d.HeadingDegrees, d.BatteryPercent, d.Mission, d.At), scope) is { } drones)
        {
            await client.DronesChanged(drones).ConfigureAwait(false);
        }

        if (Diff(before.Crowd, now.Crowd, c => c.AreaId, c => new CrowdMessage(c.AreaId, c.AreaName, c.Total, c.PeakDensity, c.OverThreshold, c.At), scope) is { } crowd)
        {
            await client.CrowdChanged(crowd).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending wall changes to hub clients failed; the next signal retries")]
    private partial void LogBroadcastFailed(Exception exception);
}
