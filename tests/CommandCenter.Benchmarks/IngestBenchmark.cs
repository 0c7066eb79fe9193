using System.Diagnostics;
using System.Text;
using CommandCenter.Web.Tests.Storage;
using HdrHistogram;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Durable ingest on the in-process bus: distinct tickets posted to a web node process whose 202 means "committed to the
/// store's event log", with fsync on (SQLite synchronous=FULL; a private PostgreSQL with fsync on, default
/// synchronous_commit). Reports the throughput as fast as accepted, then the 202 latency at a fixed rate, measured from
/// each request's scheduled start (no coordinated omission).
/// </summary>
internal static class IngestBenchmark
{
    private const string Key = "bench-ingest-key";

    public static async Task<int> RunAsync(int seconds, int connections, int rate)
    {
        Console.WriteLine($"CommandCenter durable ingest benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:u}");
        Console.WriteLine($"{connections} connections · {seconds} s as fast as accepted, then {seconds} s at {rate}/s on {connections * 4} connections");
        var sqlite = Path.Combine(Path.GetTempPath(), $"cc-ingest-bench-{Guid.NewGuid():N}.db");
        await MeasureAsync("SQLite (embedded default, WAL, synchronous=FULL)", [$"--Storage:SqlitePath={sqlite}"], seconds, connections, rate);
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(sqlite) + "*"))
        {
            File.Delete(file);
        }

        await using var postgres = await PrivatePostgres.StartAsync(fsync: true);
        await MeasureAsync("PostgreSQL 15 (fsync on, synchronous_commit on)", [$"--ConnectionStrings:Postgres={postgres.ConnectionString}"],
            seconds, connections, rate);
        return 0;
    }

    private static async Task MeasureAsync(string store, string[] settings, int seconds, int connections, int rate)
    {
        await using var node = await ChildProcess.StartAsync("CommandCenter.Web", [.. settings, "--Simulator:Enabled=false",
            $"--Ingest:Sources:bench:ApiKey={Key}", "--Ingest:PermitsPerSecond=1000000", "--Ingest:Burst=1000000"]);
        Console.WriteLine($"\n{store}");
        await RunAsync(node.Address, "warm-up", TimeSpan.FromSeconds(10), connections, rate: 0);
        foreach (var (run, pace) in new[] { ("as fast as accepted", 0), ($"at {rate:N0}/s", rate) })
        {
            // At a fixed rate, four times the connections: each then has slack, so the pacing measures the node, not a queue
            // in front of a busy connection.
            var (accepted, refused, elapsed, latency) = await RunAsync(node.Address, run, TimeSpan.FromSeconds(seconds),
                pace > 0 ? connections * 4 : connections, pace);
            Console.WriteLine($"  {run,-20} {accepted / elapsed.TotalSeconds,8:N0} req/s ({accepted:N0} × 202, {refused:N0} other) · " +
                Percentiles(latency));
        }
    }

    /// <summary>
    /// Posts distinct tickets on <paramref name="connections"/> keep-alive connections, each a plain socket writing
    /// prepared HTTP/1.1 requests (the load generator shares the two cores with the node, so it must cost little).
    /// With a <paramref name="rate"/>, request i is due at i / rate and its latency counts from then, so a stall shows in
    /// every request it delays (no coordinated omission); without one, each connection sends as fast as answered.
    /// </summary>
    private static async Task<(long Accepted, long Refused, TimeSpan Elapsed, LongHistogram Latency)> RunAsync(Uri node, string run,
        TimeSpan duration, int connections, int rate)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(10), 3);
        long accepted = 0, refused = 0, next = -1;
        var total = rate > 0 ? (long)(duration.TotalSeconds * rate) : long.MaxValue;
        var tag = run.Replace(' ', '-').Replace('/', '-').Replace(',', '-');
        // Connected before the clock starts: setting up connections is not the node's latency.
        var open = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => RawConnection.OpenAsync(node, Key)));
        var origin = Stopwatch.GetTimestamp();
        var end = origin + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(open.Select(async connection =>
        {
            using var owned = connection;
            var recorder = new LongHistogram(TimeStamp.Minutes(10), 3);
            long i;
            while ((i = Interlocked.Increment(ref next)) < total && (rate > 0 || Stopwatch.GetTimestamp() < end))
            {
                var due = rate > 0 ? origin + (long)(i * (double)Stopwatch.Frequency / rate) : Stopwatch.GetTimestamp();
                if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) is { TotalMilliseconds: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                var status = await connection.PostAsync("/api/ingest/tickets", Ticket($"B-{tag}-{i:D8}"));
                recorder.RecordValue(Math.Max(0, Stopwatch.GetTimestamp() - due));
                Interlocked.Increment(ref status == 202 ? ref accepted : ref refused);
            }

            lock (histogram)
            {
                histogram.Add(recorder);
            }
        }));
        return (accepted, refused, Stopwatch.GetElapsedTime(origin), histogram);
    }

    private static byte[] Ticket(string id) => Encoding.UTF8.GetBytes($$"""
        {"id":"{{id}}","source":"hotline12345","kind":"complaint","category":"06028","urgency":"normal","description":"夜间施工噪声扰民 {{id}}","jurisdiction":"320505001001001"}
        """);

    private static string Percentiles(LongHistogram h) =>
        $"202 latency p50 {Ms(h, 50)} ms, p99 {Ms(h, 99)} ms, p99.9 {Ms(h, 99.9)} ms, max {h.GetMaxValue() * 1000.0 / Stopwatch.Frequency:0.0} ms";

    private static string Ms(LongHistogram h, double percentile) => $"{h.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency:0.0}";
}
