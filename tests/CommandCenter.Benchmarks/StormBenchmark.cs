using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CommandCenter.Web.Hubs;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The storm mix (see <see cref="StormMix"/>) posted open-loop to a web node process on the embedded default, with a backlog of
/// open orders loaded first and N hub clients subscribed to the district. Reports, for the storm phase only: events accepted,
/// the node's CPU-seconds (its whole process tree, from /proc) in all and per 1,000 events, the ingest latency (202, from each
/// event's due time) and the feed-to-hub-client latency of tickets (due time → the order's first delta at each client), and
/// what was lost (tickets accepted that some client never received).
/// </summary>
internal static class StormBenchmark
{
    private const string Key = "bench-storm-key-0123456789";

    public sealed record Options(double Factor, int Seconds, int Clients, int Backlog, int Connections, string? Trace = null, int Walls = 0,
        bool Naive = false, double Surge = 0);

    private sealed record Row(string Phase, double Rate, long Accepted, long Refused, double Cpu, IReadOnlyList<double> Slices, LongHistogram Ingest,
        LongHistogram Hub, long HubLost, long HubExpected, LongHistogram? Paint = null, long PaintLost = 0, long PaintExpected = 0,
        double? RendersPerWall = null, double? WallCpu = null, double? MapCpu = null);

    public static async Task<int> RunAsync(Options options)
    {
        Console.WriteLine($"CommandCenter storm benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:u}");
        var sqlite = Path.Combine(Path.GetTempPath(), $"cc-storm-{Guid.NewGuid():N}.db");
        try
        {
            await using var node = await ChildProcess.StartAsync("CommandCenter.Web", $"--Storage:SqlitePath={sqlite}", "--Simulator:Enabled=false",
                $"--Ingest:Sources:bench:ApiKey={Key}", "--Ingest:PermitsPerSecond=1000000", "--Ingest:Burst=1000000",
                $"--Wall:RenderEveryChange={options.Naive}");
            var tag = $"S{DateTime.UtcNow:HHmmss}";
            var perSecond = new StormMix(tag).Feeds.Sum(f => f.PerSecond) * options.Factor;
            Console.WriteLine($"embedded default (SQLite, synchronous=FULL){(options.Naive ? ", walls in the naive mode (a render per change)" : "")} · " +
                $"storm mix ×{options.Factor} = {perSecond:N0} events/s for {options.Seconds} s a phase · {options.Clients} hub clients · " +
                $"{options.Walls} walls · backlog {options.Backlog:N0} open orders");

            if (options.Backlog > 0)
            {
                await PreloadAsync(node.Address, tag, options.Backlog);
            }

            await using var clients = await HubClientsAsync(node.Address, options.Clients);
            await clients.WaitOpenAsync(options.Backlog, TimeSpan.FromMinutes(5));
            // Warm-up: the same mix for 10 s (the JIT's tiers, connection pools), then a quiet 5 s to measure idle.
            clients.Tag = tag + "W";
            await PostStormAsync(node.Address, new StormMix(clients.Tag), options with { Seconds = 10 }, clients);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var idleFrom = ProcessCpu.SecondsOfTree(node.Id);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idle = (ProcessCpu.SecondsOfTree(node.Id) - idleFrom) / 5;
            Console.WriteLine($"idle (hub clients connected, no feed): {idle:0%} of a core");

            var rows = new List<Row> { await PhaseAsync("no walls", tag + "A", node, options, clients, walls: null) };
            if (options.Walls > 0)
            {
                await HeapBytesAsync(node.Id); // the first full collection after the load settles what the backlog left
                var heapBefore = await HeapBytesAsync(node.Id);
                await using var walls = await WallProbe.OpenAsync(node.Address, options.Walls);
                await Task.Delay(TimeSpan.FromSeconds(3)); // rendered and idle: the heap holds the circuits, not the storm's garbage
                await HeapBytesAsync(node.Id);
                var heapAfter = await HeapBytesAsync(node.Id);
                clients.Tag = tag + "V";
                await PostStormAsync(node.Address, new StormMix(clients.Tag), options with { Seconds = 5 }, clients); // the walls' first live renders
                if (heapBefore is { } b && heapAfter is { } a)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"GC heap after a forced collection (dotnet-gcdump): {b.Total / 1e6:0.0} MB before the walls, {a.Total / 1e6:0.0} MB with {options.Walls} open " +
                        $"({(a.Total - b.Total) / 1e6 / options.Walls:0.00} MB a wall, other live data included); component objects " +
                        $"{b.Components / 1e3:0} KB before, {a.Components / 1e3:0} KB after: {(a.Components - b.Components) / 1e3 / options.Walls:0} KB a wall circuit"));
                }

                rows.Add(await PhaseAsync($"{options.Walls} walls", tag + "B", node, options, clients, walls));
            }

            Print(rows, options);
            await CeilingsAsync(options);
            if (options.Surge > 0)
            {
                await SurgeAsync(node, tag + "Z", options, clients);
            }

            return rows.All(r => r.HubLost == 0) ? 0 : 1;
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(sqlite) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<Row> PhaseAsync(string phase, string tag, ChildProcess node, Options options, HubProbe clients, WallProbe? walls)
    {
        clients.Tag = tag;
        // Every drone, crowd area, grid member and camera of the phase reported once first: the walls show the same picture at
        // every rate, and only how often it changes differs.
        await PrimeAsync(node.Address, new StormMix(tag));
        // --trace: the walls' phase when there are walls, the surge when there is one, else the phase itself.
        using var trace = options.Trace is null || options.Surge > 0 || walls is null && options.Walls > 0 ? null : StartTrace(node.Id, options.Trace, options.Seconds);
        var (rendersBefore, wallCpuBefore, mapCpuBefore) = walls is null ? (0, 0, 0) : (await MetricAsync(node, "commandcenter_walls_renders"),
            await MetricAsync(node, "commandcenter_walls_render_cpu"), await MetricAsync(node, "commandcenter_walls_render_cpu{part=\"map\"}"));
        var before = ProcessCpu.SecondsOfTree(node.Id);
        using var slices = new CancellationTokenSource();
        var sampling = SampleCpuAsync(node.Id, slices.Token);
        var storm = await PostStormAsync(node.Address, new StormMix(tag), options, clients);
        var cpu = ProcessCpu.SecondsOfTree(node.Id) - before;
        var renders = walls is null ? 0 : await MetricAsync(node, "commandcenter_walls_renders") - rendersBefore;
        var wallCpu = walls is null ? 0 : await MetricAsync(node, "commandcenter_walls_render_cpu") - wallCpuBefore;
        var mapCpu = walls is null ? 0 : await MetricAsync(node, "commandcenter_walls_render_cpu{part=\"map\"}") - mapCpuBefore;
        await slices.CancelAsync();
        if (trace is not null)
        {
            await trace.WaitForExitAsync();
            Console.WriteLine($"trace of the {phase} phase: {options.Trace} (dotnet-trace report {options.Trace} topN -n 30)");
        }

        var lost = await clients.DrainAsync([.. storm.Tickets.Keys], TimeSpan.FromSeconds(15));
        var row = new Row(phase, storm.Accepted / storm.Elapsed.TotalSeconds, storm.Accepted, storm.Refused, cpu, await sampling, storm.Ingest,
            clients.LatencySince(storm.Tickets.Keys), lost, storm.Tickets.Count * (long)options.Clients);
        if (walls is null)
        {
            return row;
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // the last tickets' paint
        var paint = new LongHistogram(TimeStamp.Minutes(10), 3);
        var missing = 0L;
        foreach (var seen in await walls.SeenAsync())
        {
            foreach (var (id, due) in storm.Tickets)
            {
                if (seen.TryGetValue(id, out var at))
                {
                    paint.RecordValue(Math.Max(0, at - due));
                }
                else
                {
                    missing++;
                }
            }
        }

        return row with
        {
            Paint = paint, PaintLost = missing, PaintExpected = storm.Tickets.Count * (long)walls.Count,
            RendersPerWall = renders / storm.Elapsed.TotalSeconds / walls.Count, WallCpu = wallCpu, MapCpu = mapCpu,
        };
    }

    /// <summary>
    /// One of the node's own counters so far, from <c>/metrics</c> (served to loopback): the walls' renders, and the CPU their
    /// refreshes took on the rendering thread.
    /// </summary>
    private static async Task<double> MetricAsync(ChildProcess node, string name)
    {
        using var http = new HttpClient { BaseAddress = node.Address };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || !name.Contains('{', StringComparison.Ordinal) && l.StartsWith(name + "{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The mix at ×<see cref="Options.Surge"/> for 10 s, then at the usual factor for 30 s: how many were accepted, when the surge's
    /// last ticket had reached every client, and the hub p99 of the tickets due in each 2 s after the surge.
    /// </summary>
    private static async Task SurgeAsync(ChildProcess node, string tag, Options options, HubProbe clients)
    {
        clients.Tag = tag;
        Console.WriteLine($"\nsurge: ×{options.Surge} ({new StormMix(tag).Feeds.Sum(f => f.PerSecond) * options.Surge:N0} events/s) for 10 s, then ×{options.Factor} for 30 s");
        // The surge and the 12 s after it, when the backlog drains.
        using var trace = options.Trace is null ? null : StartTrace(node.Id, options.Trace, 24);
        var storm = await PostStormAsync(node.Address, new StormMix(tag), [(options.Surge, 10), (options.Factor, 30)], options.Connections * 4, clients);
        if (trace is not null)
        {
            await trace.WaitForExitAsync();
            Console.WriteLine($"trace of the surge and its drain: {options.Trace} (dotnet-trace report {options.Trace} topN -n 30)");
        }

        var lost = await clients.DrainAsync([.. storm.Tickets.Keys], TimeSpan.FromSeconds(60));
        var surgeEnd = storm.WallOrigin.AddSeconds(10).ToUnixTimeMilliseconds();
        var surgeTickets = storm.Tickets.Where(t => t.Value < surgeEnd).Select(t => t.Key).ToList();
        var lastArrival = storm.WallOrigin.ToUnixTimeMilliseconds() +
            (long)((clients.LastArrival(surgeTickets) - storm.Origin) * 1000.0 / Stopwatch.Frequency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accepted {storm.Accepted:N0} of {storm.Accepted + storm.Refused:N0} posted in {storm.Elapsed.TotalSeconds:0.0} s (202 p99 {Ms(storm.Ingest, 99)} ms); " +
            $"the surge's last ticket reached every client {(lastArrival - surgeEnd) / 1000.0:0.0} s after the surge; lost {lost:N0}"));
        var windows = storm.Tickets.Where(t => t.Value >= surgeEnd).GroupBy(t => (t.Value - surgeEnd) / 2000).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"+{g.Key * 2}s {Ms(clients.LatencySince(g.Select(t => t.Key)), 99)}"));
        Console.WriteLine($"hub p99 (ms) of tickets due in each 2 s after the surge: {string.Join(" · ", windows)}");
    }

    /// <summary>What the machine gives without the product: Redis XADD (when a Redis is at hand) and a bare SignalR broadcast.</summary>
    private static async Task CeilingsAsync(Options options)
    {
        if (Environment.GetEnvironmentVariable("CC_TEST_REDIS") is { } redis)
        {
            var xadd = await PipelineBenchmark.RedisBenchmarkXaddAsync(redis, $"cc-storm-{Guid.NewGuid():N}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ceiling: redis-benchmark XADD (16 connections, 400-byte entries) {xadd:N0}/s"));
        }

        var ticketsPerSecond = Math.Max(1, 20 * options.Factor);
        var bare = await BareBroadcast.RunAsync(options.Clients, ticketsPerSecond, 10);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ceiling: a bare SignalR hub sending {ticketsPerSecond:0.#} messages/s to {options.Clients} WebSocket clients (no window): " +
            $"p50 {Fine(bare, 50)} / p99 {Fine(bare, 99)} / p99.9 {Fine(bare, 99.9)} ms"));
    }

    private static void Print(List<Row> rows, Options options)
    {
        Console.WriteLine();
        Console.WriteLine("| phase | backlog | events/s | accepted | node CPU-s | CPU-s / 1,000 events | CPU by 5 s | 202 p50 / p99 | hub p50 / p99 / p99.9 (lost) | paint p50 / p99 (not painted) | renders/s a wall | walls' render CPU-s (map) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var paint = r.Paint is { } p
                ? string.Create(CultureInfo.InvariantCulture, $"{p.GetValueAtPercentile(50):N0} / {p.GetValueAtPercentile(99):N0} ms ({r.PaintLost:N0} of {r.PaintExpected:N0})")
                : "—";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Phase} | {options.Backlog:N0} | {r.Rate:N0} | {r.Accepted:N0} ({r.Refused:N0} refused) | {r.Cpu:0.0} | {r.Cpu / (r.Accepted / 1000.0):0.00} | " +
                $"{string.Join(" ", r.Slices.Select(c => $"{c:0%}"))} | {Ms(r.Ingest, 50)} / {Ms(r.Ingest, 99)} ms | " +
                $"{Ms(r.Hub, 50)} / {Ms(r.Hub, 99)} / {Ms(r.Hub, 99.9)} ms ({r.HubLost:N0} of {r.HubExpected:N0}) | {paint} | " +
                $"{(r.RendersPerWall is { } renders ? renders.ToString("0.0", CultureInfo.InvariantCulture) : "—")} | " +
                $"{(r.WallCpu is { } wallCpu ? string.Create(CultureInfo.InvariantCulture, $"{wallCpu:0.00} ({r.MapCpu:0.00})") : "—")} |"));
        }

        if (rows.Count == 2)
        {
            var share = (rows[1].Cpu / rows[1].Accepted - rows[0].Cpu / rows[0].Accepted) / (rows[1].Cpu / rows[1].Accepted);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"walls' share of the node's CPU at this rate: {share:0%}"));
        }
    }

    /// <summary>Posts <paramref name="count"/> tickets as fast as accepted: the open backlog the storm runs over.</summary>
    private static async Task PreloadAsync(Uri node, string tag, int count)
    {
        var started = Stopwatch.GetTimestamp();
        var next = -1L;
        var connections = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => RawConnection.OpenAsync(node, Key)));
        await Task.WhenAll(connections.Select(async connection =>
        {
            using var owned = connection;
            long i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var body = System.Text.Encoding.UTF8.GetBytes($$"""
                    {"id":"{{tag}}-B{{i:D8}}","source":"hotline12345","kind":"complaint","category":"06028","urgency":"normal","description":"积压工单 {{i}}","jurisdiction":"3205050{{(i % 2 == 0 ? "01" : "02")}}00100{{i % 3 + 1}}"}
                    """);
                if (await connection.PostAsync("/api/ingest/tickets", body) != 202)
                {
                    throw new InvalidOperationException($"backlog ticket {i} refused");
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"backlog: {count:N0} tickets in {elapsed:0.0} s ({count / elapsed:N0}/s)");
    }

    /// <summary>One event for each thing the mix's telemetry reports on (<see cref="StormMix.Population"/>), then a second to show it.</summary>
    private static async Task PrimeAsync(Uri node, StormMix mix)
    {
        var at = DateTimeOffset.UtcNow;
        var posts = mix.Feeds.Where(f => mix.Population.ContainsKey(f.Name))
            .SelectMany(f => Enumerable.Range(0, mix.Population[f.Name]).Select(i => (f.Path, Body: f.Body(i, at)))).ToArray();
        var next = -1;
        var connections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RawConnection.OpenAsync(node, Key)));
        await Task.WhenAll(connections.Select(async connection =>
        {
            using var owned = connection;
            int i;
            while ((i = Interlocked.Increment(ref next)) < posts.Length)
            {
                if (await connection.PostAsync(posts[i].Path, posts[i].Body) != 202)
                {
                    throw new InvalidOperationException($"priming {posts[i].Path} was refused");
                }
            }
        }));
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private sealed record StormResult(long Accepted, long Refused, TimeSpan Elapsed, LongHistogram Ingest, IReadOnlyDictionary<string, long> Tickets,
        long Origin = 0, DateTimeOffset WallOrigin = default);

    /// <summary>Every event of the mix due at its own time (i / rate of its feed), posted on a pool of connections.</summary>
    private static Task<StormResult> PostStormAsync(Uri node, StormMix mix, Options options, HubProbe clients) =>
        PostStormAsync(node, mix, [(options.Factor, options.Seconds)], options.Connections, clients);

    /// <summary>The mix at each segment's factor for its seconds, one after the other (a surge, then the usual rate).</summary>
    private static async Task<StormResult> PostStormAsync(Uri node, StormMix mix, IReadOnlyList<(double Factor, int Seconds)> segments,
        int connections, HubProbe clients)
    {
        var scheduled = new List<(double Due, StormMix.Feed Feed, long Index)>();
        foreach (var feed in mix.Feeds)
        {
            var (offset, index) = (0.0, 0L);
            foreach (var (factor, seconds) in segments)
            {
                var rate = feed.PerSecond * factor;
                for (var i = 0; i < (int)(rate * seconds); i++)
                {
                    scheduled.Add((offset + i / rate, feed, index++));
                }

                offset += seconds;
            }
        }

        var schedule = scheduled.OrderBy(e => e.Due).ToArray();
        var histogram = new LongHistogram(TimeStamp.Minutes(10), 3);
        long accepted = 0, refused = 0, next = -1;
        var tickets = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var open = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => RawConnection.OpenAsync(node, Key)));
        var origin = Stopwatch.GetTimestamp();
        var wallOrigin = DateTimeOffset.UtcNow;
        await Task.WhenAll(open.Select(async connection =>
        {
            using var owned = connection;
            var recorder = new LongHistogram(TimeStamp.Minutes(10), 3);
            long n;
            while ((n = Interlocked.Increment(ref next)) < schedule.Length)
            {
                var (due, feed, index) = schedule[n];
                var dueAt = origin + (long)(due * Stopwatch.Frequency);
                if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueAt) is { TotalMilliseconds: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                string? ticket = null;
                if (feed.Name == "tickets")
                {
                    ticket = $"bench.{clients.Tag}-T{index:D8}"; // an order's id is the ingest source's and the ticket's
                    clients.Expect(ticket, dueAt);
                }

                var status = await connection.PostAsync(feed.Path, feed.Body(index, wallOrigin.AddSeconds(due)));
                recorder.RecordValue(Math.Max(0, Stopwatch.GetTimestamp() - dueAt));
                if (status == 202)
                {
                    Interlocked.Increment(ref accepted);
                    if (ticket is not null)
                    {
                        tickets[ticket] = wallOrigin.AddSeconds(due).ToUnixTimeMilliseconds();
                    }
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }

            lock (histogram)
            {
                histogram.Add(recorder);
            }
        }));
        return new StormResult(accepted, refused, Stopwatch.GetElapsedTime(origin), histogram, tickets, origin, wallOrigin);
    }

    /// <summary>
    /// The node's GC heap after the full collection dotnet-gcdump forces, in all and in the objects of Blazor's and the walls'
    /// component types (what a circuit holds of its own; strings and buffers it shares are not told apart); null without the tool.
    /// </summary>
    private static async Task<(long Total, long Components)?> HeapBytesAsync(int node)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        if (!File.Exists(tool) || ProcessCpu.FindBelow(node, "CommandCenter.Web") is not { } app)
        {
            Console.WriteLine("(no dotnet-gcdump: `dotnet tool install --global dotnet-gcdump` measures the heap per wall)");
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"cc-storm-{Guid.NewGuid():N}.gcdump");
        try
        {
            await RunToolAsync(tool, "collect", "-p", app.ToString(CultureInfo.InvariantCulture), "-o", file);
            var report = await RunToolAsync(tool, "report", file);
            var line = report.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal));
            if (line is null)
            {
                return null;
            }

            var components = report.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\s*([\d,]+)\s+([\d,]+)\s+(.+)$"))
                .Where(m => m.Success && (m.Groups[3].Value.Contains("Microsoft.AspNetCore.Components", StringComparison.Ordinal) ||
                    m.Groups[3].Value.Contains("CommandCenter.Web.Components", StringComparison.Ordinal)))
                .Sum(m => long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
            return (long.Parse(line.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture), components);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunToolAsync(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output;
    }

    /// <summary>The node's share of one core in each 5 s until cancelled.</summary>
    private static async Task<List<double>> SampleCpuAsync(int node, CancellationToken cancellationToken)
    {
        var shares = new List<double>();
        var last = ProcessCpu.SecondsOfTree(node);
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                var now = ProcessCpu.SecondsOfTree(node);
                shares.Add((now - last) / 5);
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
            return shares;
        }
    }

    /// <summary>dotnet-trace (CPU samples) of the node for most of the storm phase.</summary>
    private static Process StartTrace(int node, string file, int seconds)
    {
        var app = ProcessCpu.FindBelow(node, "CommandCenter.Web") ?? throw new InvalidOperationException("the node's process was not found");
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
        var span = TimeSpan.FromSeconds(Math.Max(1, seconds - 2));
        var process = Process.Start(new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-trace",
            ["collect", "-p", app.ToString(CultureInfo.InvariantCulture), "--duration", span.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture), "-o", file])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("dotnet-trace did not start");
        process.BeginOutputReadLine(); // its progress lines are not wanted, but must be read
        return process;
    }

    private static async Task<HubProbe> HubClientsAsync(Uri node, int count)
    {
        var probe = new HubProbe();
        var session = await PipelineBenchmark.SignInAsync(node);
        for (var c = 0; c < count; c++)
        {
            await probe.AddAsync(await PipelineBenchmark.ConnectAsync(node, session));
        }

        return probe;
    }

    private static string Fine(LongHistogram h, double percentile) =>
        h.TotalCount == 0 ? "—" : (h.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ms(LongHistogram h, double percentile) =>
        h.TotalCount == 0 ? "—" : (h.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency).ToString("0", CultureInfo.InvariantCulture);
}
