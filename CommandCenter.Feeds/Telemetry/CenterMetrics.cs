using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CommandCenter.Feeds.Telemetry;

/// <summary>
/// The product's own measurements, on the .NET metrics API (<see cref="Meter"/> "CommandCenter"); the web node exports
/// them with ASP.NET Core's and the runtime's at <c>/metrics</c> in the Prometheus text format, each named
/// <c>commandcenter_…</c> (<c>ingest.received</c> becomes <c>commandcenter_ingest_received</c>).
/// </summary>
public static class CenterMetrics
{
    public const string MeterName = "CommandCenter";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<long>>>> LagSources = new();

    /// <summary>Inputs an ingest feed received (tag <c>feed</c>), accepted or not.</summary>
    public static readonly Counter<long> Received = Meter.CreateCounter<long>("ingest.received", "{input}", "Inputs received by an ingest feed");

    /// <summary>Inputs an ingest feed refused (tags <c>feed</c>, <c>status</c>); each is also a dead letter.</summary>
    public static readonly Counter<long> Refused = Meter.CreateCounter<long>("ingest.refused", "{input}", "Inputs refused by an ingest feed");

    /// <summary>Events stored in the log (tag <c>kind</c>), durable ones the first time only, telemetry points each time.</summary>
    public static readonly Counter<long> Stored = Meter.CreateCounter<long>("events.stored", "{event}", "Events stored in the log");

    /// <summary>Entries set aside as dead letters (tag <c>where</c>: <c>bus</c> or <c>ingest</c>).</summary>
    public static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("dead_letters", "{entry}", "Entries set aside as dead letters");

    /// <summary>How long a store batch took (tag <c>stage</c>: <c>log</c> for the event log, <c>tables</c> for the projected tables).</summary>
    public static readonly Histogram<double> StoreBatch = Meter.CreateHistogram<double>("store.batch.duration", "s", "Time to write one store batch");

    private static long _walls;
    private static long _hubClients;

    /// <summary>Walls (Blazor circuits of <c>/wall/…</c>) open in this process.</summary>
    public static readonly ObservableGauge<long> Walls = Meter.CreateObservableGauge("walls.open", () => Interlocked.Read(ref _walls), "{wall}",
        "Walls open in this process");

    /// <summary>Hub connections subscribed to a jurisdiction in this process.</summary>
    public static readonly ObservableGauge<long> HubClients = Meter.CreateObservableGauge("hub.clients", () => Interlocked.Read(ref _hubClients),
        "{connection}", "Hub clients subscribed in this process");

    public static void WallOpened() => Interlocked.Increment(ref _walls);

    public static void WallClosed() => Interlocked.Decrement(ref _walls);

    public static void HubClientJoined() => Interlocked.Increment(ref _hubClients);

    public static void HubClientLeft() => Interlocked.Decrement(ref _hubClients);

    /// <summary>Wall renders (one per refresh of one wall).</summary>
    public static readonly Counter<long> Renders = Meter.CreateCounter<long>("walls.renders", "{render}", "Wall renders");

    /// <summary>
    /// CPU time (s) the walls' refreshes take on the thread that renders them: the snapshot, the render and its diff, and a
    /// map's frame for the browser. Read beside the node's whole CPU, it is the walls' share of it.
    /// </summary>
    public static readonly Counter<double> RenderCpu = Meter.CreateCounter<double>("walls.render_cpu", "s", "CPU time of the walls' refreshes");

    /// <summary>From an event's time to the render of a wall showing it (the newest event at each render).</summary>
    public static readonly Histogram<double> FeedToWall = Meter.CreateHistogram<double>("feed_to_wall.duration", "s", "From an event's time to a wall showing it");

    /// <summary>Entries waiting for each consumer group of the bus (tag <c>group</c>), from the sources registered.</summary>
    public static readonly ObservableGauge<long> BusLag = Meter.CreateObservableGauge("bus.lag", () => LagSources.Values.SelectMany(s => s()),
        "{entry}", "Entries not yet delivered to or acknowledged by a consumer group");

    /// <summary>Registers what reports the bus lag of this node's consumer groups; dispose to take it back.</summary>
    public static IDisposable ReportLag(Func<IEnumerable<Measurement<long>>> source)
    {
        var key = new object();
        LagSources[key] = source;
        return new Registration(() => LagSources.TryRemove(key, out _));
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
