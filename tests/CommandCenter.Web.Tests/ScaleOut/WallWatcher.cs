using System.Collections.Concurrent;
using CommandCenter.Web.Hubs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>A hub client that keeps the incidents of one scope as a wall would: the snapshot, then every delta.</summary>
internal sealed class WallWatcher : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly ConcurrentDictionary<string, IncidentMessage> _incidents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];

    private WallWatcher(HubConnection hub)
    {
        _hub = hub;
        hub.On<Delta<IncidentMessage>>(nameof(IWallClient.IncidentsChanged), delta =>
        {
            foreach (var incident in delta.Upserted)
            {
                if (!_incidents.ContainsKey(incident.Id))
                {
                    Interlocked.Increment(ref _arrivals);
                }

                _incidents[incident.Id] = incident;
            }

            foreach (var id in delta.Removed)
            {
                _incidents.TryRemove(id, out _);
            }

            Check();
        });
    }

    private int _arrivals;

    public IReadOnlyDictionary<string, IncidentMessage> Incidents => _incidents;

    /// <summary>How many times an incident appeared that this wall did not already show.</summary>
    public int Arrivals => Volatile.Read(ref _arrivals);

    public HubConnection Hub => _hub;

    public static async Task<WallWatcher> StartAsync(WebApplicationFactory<Program> node, string scope)
    {
        var watcher = new WallWatcher(await Hubs.HubClients.ConnectAsync(node, "commander"));
        var snapshot = await watcher._hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), scope);
        foreach (var incident in snapshot.Incidents)
        {
            watcher._incidents[incident.Id] = incident;
        }

        return watcher;
    }

    public Task WaitForAsync(Func<WallWatcher, bool> done, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((() => done(this), signal));
        }

        Check();
        return signal.Task.WaitAsync(timeout);
    }

    private void Check()
    {
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Done()).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
