using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The commander's map under load (<c>map</c>): a node on the embedded default with N open orders spread over the district, one
/// headless Chromium wall on the district layout (every layer on), then two phases of S seconds: the orders alone, and the
/// orders with 20 drones at 5 Hz and a 100×100 crowd frame every second. Per phase: the wall's frame time (requestAnimationFrame
/// intervals, p50/p95/max: relative only, headless software rendering is not a wall's GPU), its long tasks, and the node's CPU.
/// </summary>
internal static class MapBenchmark
{
    private const string Key = "bench-map-key-0123456789";

    private const string Recorder = """
        window.__frames = []; window.__long = 0;
        (() => { let last = performance.now(); const tick = t => { window.__frames.push(t - last); last = t; requestAnimationFrame(tick); }; requestAnimationFrame(tick); })();
        new PerformanceObserver(list => { window.__long += list.getEntries().length; }).observe({ type: 'longtask', buffered: false });
        """;

    public static async Task<int> RunAsync(int orders, int seconds)
    {
        Console.WriteLine($"CommandCenter map benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:u}");
        var sqlite = Path.Combine(Path.GetTempPath(), $"cc-map-{Guid.NewGuid():N}.db");
        try
        {
            await using var node = await ChildProcess.StartAsync("CommandCenter.Web", $"--Storage:SqlitePath={sqlite}", "--Simulator:Enabled=false",
                $"--Ingest:Sources:bench:ApiKey={Key}", "--Ingest:PermitsPerSecond=1000000", "--Ingest:Burst=1000000");
            var tag = $"M{DateTime.UtcNow:HHmmss}";
            await PostAsync(node.Address, Enumerable.Range(0, orders).Select(i => ("/api/ingest/tickets", Ticket(tag, i))), perSecond: 0);
            Console.WriteLine($"{orders:N0} open orders posted; opening the wall");

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CC_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, Locale = "zh-CN" });
            await context.AddInitScriptAsync(Recorder);
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(node.Address, "/device").ToString());
            await page.FillAsync("input[name=device]", "wall-01");
            await page.FillAsync("input[name=token]", Web.Security.DemoAccounts.WallToken);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/device", StringComparison.Ordinal));
            await page.GotoAsync(new Uri(node.Address, "/wall/district-command").ToString());
            var drawn = Math.Min(orders, 2000);
            await Assertions.Expect(page.Locator(".incident-map")).ToHaveAttributeAsync("data-orders", drawn.ToString(CultureInfo.InvariantCulture), new() { Timeout = 120_000 });
            await Task.Delay(TimeSpan.FromSeconds(5)); // settled

            var quiet = await PhaseAsync(page, node, seconds, Task.Delay(TimeSpan.FromSeconds(seconds)));
            var live = await PhaseAsync(page, node, seconds, PostAsync(node.Address, Live(tag, seconds), perSecond: 101));
            var held = await page.Locator(".incident-map").GetAttributeAsync("data-drones");
            Console.WriteLine();
            Console.WriteLine($"| phase ({seconds} s) | frames | frame p50 / p95 / max | long tasks | node CPU-s (% of a core) |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine(quiet.Line($"{drawn:N0} order markers, nothing moving"));
            Console.WriteLine(live.Line($"+ 20 drones at 5 Hz and a 100×100 heat frame a second ({held} drones drawn)"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqlite, sqlite + "-wal", sqlite + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private sealed record Phase(int Frames, double P50, double P95, double Max, int LongTasks, double Cpu, int Seconds)
    {
        public string Line(string name) => string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Frames:N0} | {P50:0.0} / {P95:0.0} / {Max:0} ms | {LongTasks} | {Cpu:0.0} ({Cpu / Seconds:0%}) |");
    }

    private static async Task<Phase> PhaseAsync(IPage page, ChildProcess node, int seconds, Task load)
    {
        await page.EvaluateAsync("() => { window.__frames = []; window.__long = 0; }");
        var cpu = ProcessCpu.SecondsOfTree(node.Id);
        await load;
        cpu = ProcessCpu.SecondsOfTree(node.Id) - cpu;
        var frames = (await page.EvaluateAsync<double[]>("() => window.__frames")).Order().ToArray();
        var longTasks = await page.EvaluateAsync<int>("() => window.__long");
        double At(double q) => frames.Length == 0 ? double.NaN : frames[Math.Min(frames.Length - 1, (int)(q * frames.Length))];
        return new Phase(frames.Length, At(0.5), At(0.95), frames.Length == 0 ? double.NaN : frames[^1], longTasks, cpu, seconds);
    }

    /// <summary>Posts each (path, body) in order, as fast as accepted (0) or at <paramref name="perSecond"/>, on four connections.</summary>
    private static async Task PostAsync(Uri node, IEnumerable<(string Path, byte[] Body)> posts, double perSecond)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<(string, byte[])>(posts);
        var started = Stopwatch.GetTimestamp();
        var sent = 0L;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var connection = await RawConnection.OpenAsync(node, Key);
            while (queue.TryDequeue(out var post))
            {
                var index = Interlocked.Increment(ref sent);
                if (perSecond > 0 && TimeSpan.FromSeconds(index / perSecond) - Stopwatch.GetElapsedTime(started) is { TotalMilliseconds: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                var status = await connection.PostAsync(post.Item1, post.Item2);
                if (status != 202)
                {
                    throw new InvalidOperationException($"{post.Item1} answered {status}");
                }
            }
        }));
    }

    /// <summary>A second of the live layers, <paramref name="seconds"/> times: 20 drones at 5 Hz and one 100×100 crowd frame.</summary>
    private static IEnumerable<(string, byte[])> Live(string tag, int seconds)
    {
        var start = DateTimeOffset.UtcNow;
        var random = new Random(7);
        for (var s = 0; s < seconds; s++)
        {
            for (var tick = 0; tick < 5; tick++)
            {
                var at = start.AddSeconds(s + tick / 5.0);
                for (var d = 0; d < 20; d++)
                {
                    var step = s * 5 + tick;
                    yield return ("/api/ingest/drones", Json($$"""
                        {"droneId":"{{tag}}-UAV-{{d:D2}}","lat":{{C(31.28 + d * 0.005)}},"lon":{{C(120.40 + step * 0.0002)}},"alt":120,"heading":90,"speed":8,"battery":{{90 - d * 4}},"mission":"巡查","at":"{{T(at)}}"}
                        """));
                }
            }

            var counts = string.Join(',', Enumerable.Range(0, 10_000).Select(_ => random.Next(0, 400)));
            yield return ("/api/ingest/crowd", Json($$"""
                {"areaId":"{{tag}}-AREA","areaName":"石路步行街","bounds":{"south":31.300,"west":120.520,"north":31.318,"east":120.541},"cellSize":20,"rows":100,"columns":100,"counts":[{{counts}}],"at":"{{T(start.AddSeconds(s))}}"}
                """));
        }
    }

    /// <summary>An open ticket at a point of a 50 × 40 lattice over the district.</summary>
    private static byte[] Ticket(string tag, int i) => Json($$"""
        {"id":"{{tag}}-T{{i:D6}}","source":"hotline12345","kind":"complaint","category":"06028","urgency":"{{(i % 10 == 0 ? "urgent" : "normal")}}","description":"地图压测:夜间施工噪声 {{i}}","jurisdiction":"320505","location":{"lat":{{C(31.27 + i % 50 * 0.0025)}},"lon":{{C(120.37 + i / 50 % 40 * 0.005)}} } }
        """);

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text.Trim());

    private static string T(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string C(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
