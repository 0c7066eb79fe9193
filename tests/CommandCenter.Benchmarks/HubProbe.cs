using System.Collections.Concurrent;
using System.Diagnostics;
using CommandCenter.Web.Hubs;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Hub clients subscribed to the district (the newest 100 orders each), timing each expected order's first arrival at
/// each client from the moment it was due at the feed.
/// </summary>
internal sealed class HubProbe : IAsyncDisposable
{
    private readonly List<HubConnection> _hubs = [];
    private readonly ConcurrentDictionary<string, long> _due = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _arrivals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentBag<long>> _latencies = new(StringComparer.Ordinal);
    private int _open;

    public string Tag { get; set; } = "";

    /// <summary>The arrivals of the given orders (feed due time → first delta at each client).</summary>
    public LongHistogram LatencySince(IEnumerable<string> orders)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(10), 3);
        foreach (var id in orders)
        {
            foreach (var ticks in _latencies.GetValueOrDefault(id) ?? [])
            {
                histogram.RecordValue(ticks);
            }
        }

        return histogram;
    }

    public async Task AddAsync(HubConnection hub)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        hub.On<Delta<IncidentMessage>>(nameof(IWallClient.IncidentsChanged), delta =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var incident in delta.Upserted)
            {
                if (_due.TryGetValue(incident.Id, out var due) && seen.Add(incident.Id))
                {
                    _latencies.GetOrAdd(incident.Id, _ => []).Add(Math.Max(0, now - due));

                    _arrivals.AddOrUpdate(incident.Id, 1, (_, n) => n + 1);
                }
            }
        });
        hub.On<KpiMessage>(nameof(IWallClient.KpisChanged), k => Volatile.Write(ref _open, k.Open));
        var snapshot = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505");
        Volatile.Write(ref _open, Math.Max(Volatile.Read(ref _open), snapshot.Kpis.Open));
        _hubs.Add(hub);
    }

    public void Expect(string orderId, long dueTimestamp) => _due[orderId] = dueTimestamp;

    /// <summary>When the last of <paramref name="orders"/> reached the last client (Stopwatch ticks: its due time plus its slowest arrival).</summary>
    public long LastArrival(IEnumerable<string> orders)
    {
        var last = 0L;
        foreach (var id in orders)
        {
            if (_due.TryGetValue(id, out var due) && _latencies.TryGetValue(id, out var seen) && !seen.IsEmpty)
            {
                last = Math.Max(last, due + seen.Max());
            }
        }

        return last;
    }

    /// <summary>Waits until the clients count at least <paramref name="open"/> open orders (the backlog is in the live picture).</summary>
    public async Task WaitOpenAsync(int open, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref _open) < open)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the hub counts {Volatile.Read(ref _open)} open orders, not {open}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits for every accepted ticket to reach every client; returns how many arrivals are still missing after <paramref name="timeout"/>.</summary>
    public async Task<long> DrainAsync(IReadOnlyCollection<string> accepted, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long Missing() => accepted.Sum(id => (long)(_hubs.Count - _arrivals.GetValueOrDefault(id)));
        while (Missing() > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(200);
        }

        return Missing();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }
    }
}
