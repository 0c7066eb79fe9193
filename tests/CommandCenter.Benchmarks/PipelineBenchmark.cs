using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CommandCenter.Web.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The whole scale-out path on this machine: tickets posted to the ingest gateway process → Redis Streams → a web
/// node process (projection, store) → hub clients over WebSockets. Reports ingest rate, delivery rate and the
/// feed-to-hub-client latency (post started → incident arrives at a client), next to redis-benchmark XADD.
/// </summary>
internal static partial class PipelineBenchmark
{
    public static async Task<int> RunAsync(int seconds, int posters, int clients, int rate)
    {
        var redis = Environment.GetEnvironmentVariable("CC_TEST_REDIS") ?? throw new InvalidOperationException("CC_TEST_REDIS is not set; run through ./test.sh --run …");
        var postgres = Environment.GetEnvironmentVariable("CC_TEST_POSTGRES") ?? throw new InvalidOperationException("CC_TEST_POSTGRES is not set; run through ./test.sh --run …");
        var prefix = $"cc-bench-{Guid.NewGuid():N}";
        Console.WriteLine($"CommandCenter pipeline benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:u}");
        Console.WriteLine($"redis-benchmark XADD (16 connections, no pipelining): {await RedisBenchmarkXaddAsync(redis, prefix):N0} XADD/s");

        var database = await StoreBenchmark.CreateDatabaseAsync(postgres);
        var common = new[] { $"--ConnectionStrings:Redis={redis}", $"--Bus:Prefix={prefix}", "--Simulator:Enabled=false" };
        await using var gateway = await ChildProcess.StartAsync("CommandCenter.Feeds", [.. common,
            "--Ingest:Sources:bench:ApiKey=bench-pipeline-key", "--Ingest:PermitsPerSecond=1000000", "--Ingest:Burst=1000000"]);
        await using var node = await ChildProcess.StartAsync("CommandCenter.Web", [.. common, $"--ConnectionStrings:Postgres={database}"]);
        Console.WriteLine($"gateway {gateway.Address} · web node {node.Address} · {posters} posting connections · {clients} hub clients · {seconds} s · " +
            (rate > 0 ? $"target {rate}/s" : "as fast as accepted"));

        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        var arrivedEverywhere = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        long lastArrival = 0;
        var hubs = new List<HubConnection>();
        for (var c = 0; c < clients; c++)
        {
            var hub = await ConnectAsync(node.Address);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            hub.On<Delta<IncidentMessage>>(nameof(IWallClient.IncidentsChanged), delta =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var incident in delta.Upserted)
                {
                    if (seen.Add(incident.Id) && sent.TryGetValue(incident.Id, out var at))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                        arrivedEverywhere.AddOrUpdate(incident.Id, 1, (_, n) => n + 1);
                        Interlocked.Exchange(ref lastArrival, now);
                    }
                }
            });
            await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.SubscribeTop), "320505", WallSubscriber.MaxTop); // a delta lists the newest N: at most N new orders a window are seen
            hubs.Add(hub);
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = posters }) { BaseAddress = gateway.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", "bench-pipeline-key");
        var accepted = 0;
        var refused = 0;
        var start = Stopwatch.GetTimestamp();
        var until = start + (long)(seconds * Stopwatch.Frequency);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, posters).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var n = Interlocked.Increment(ref next);
                if (rate > 0 && start + (long)(n * Stopwatch.Frequency / (double)rate) - Stopwatch.GetTimestamp() is var ahead && ahead > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(ahead / (double)Stopwatch.Frequency)); // open-loop pacing at the target rate
                }

                var id = $"B{n:D7}";
                sent[id] = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/ingest/tickets", Ticket(id));
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref accepted);
                }
                else
                {
                    sent.TryRemove(id, out long _);
                    Interlocked.Increment(ref refused);
                }
            }
        }));
        var postingSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var drainDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (arrivedEverywhere.Count(a => a.Value == clients) < accepted && DateTime.UtcNow < drainDeadline)
        {
            await Task.Delay(100);
        }

        var complete = arrivedEverywhere.Count(a => a.Value == clients);
        var deliverySeconds = Stopwatch.GetElapsedTime(start, Interlocked.Read(ref lastArrival)).TotalSeconds;
        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"ingest: {accepted:N0} tickets accepted in {postingSeconds:0.0} s = {accepted / postingSeconds:N0}/s ({refused} refused)");
        Console.WriteLine($"delivered to all {clients} hub clients: {complete:N0} of {accepted:N0}, last at {deliverySeconds:0.0} s = {complete / deliverySeconds:N0} events/s end to end");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"feed-to-hub-client latency over {sorted.Length:N0} arrivals: p50 {Percentile(sorted, 0.50):0} ms · p99 {Percentile(sorted, 0.99):0} ms · max {sorted.LastOrDefault():0} ms"));
        Console.WriteLine("(walls are sent changes at most every 250 ms by design, so latency includes up to 250 ms of coalescing)");
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        return complete == accepted ? 0 : 1;
    }

    private static object Ticket(string id) => new
    {
        id, source = "hotline12345", kind = "complaint", category = "06028", urgency = "normal",
        description = "基准测试:夜间施工噪声扰民", jurisdiction = "320505001001001", location = new { lat = 31.30, lon = 120.55 },
    };

    /// <summary>A wall display's hub connection over WebSockets, signed in with the demo device token.</summary>
    internal static async Task<HubConnection> ConnectAsync(Uri node) => await ConnectAsync(node, await SignInAsync(node));

    /// <summary>A hub connection on an existing session (many clients of one wall device: sign-ins are rate-limited).</summary>
    internal static async Task<HubConnection> ConnectAsync(Uri node, string session)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(node, WallHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["Cookie"] = session;
            })
            .Build();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>Signs the demo wall device in; returns its session cookie.</summary>
    internal static async Task<string> SignInAsync(Uri node)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = node };
        var page = await client.GetAsync(new Uri("/device", UriKind.Relative));
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/device-sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["device"] = "wall-01", ["token"] = "wall-320505-demo-token",
            }),
        };
        post.Headers.Add("Cookie", cookies);
        var signedIn = await client.SendAsync(post);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.session=", StringComparison.Ordinal)).Split(';')[0];
    }

    internal static async Task<double> RedisBenchmarkXaddAsync(string redis, string prefix)
    {
        var (host, port) = (redis.Split(':')[0], redis.Split(':')[1].Split(',')[0]);
        var info = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", host, "-p", port, "-n", "200000", "-c", "16", "-q", "XADD", $"{prefix}:xadd", "*", "event", new string('x', 400) })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-benchmark did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = RatePattern().Match(output.Split('\r').Last(l => l.Contains("requests per second", StringComparison.Ordinal)));
        using var cleanup = Process.Start(new ProcessStartInfo("redis-cli", ["-h", host, "-p", port, "DEL", $"{prefix}:xadd"]) { RedirectStandardOutput = true });
        await cleanup!.WaitForExitAsync();
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"([\d.]+) requests per second")]
    private static partial Regex RatePattern();
}
