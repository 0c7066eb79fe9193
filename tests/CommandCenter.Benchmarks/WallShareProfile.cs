using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The walls' share of a node's CPU read from a CPU-sample trace of it (<c>dotnet-trace collect</c>) instead of from the
/// difference of two noisy phases: the part of the CPU samples whose stack passes through Blazor's renderer and circuits or
/// the wall's own components. It is a share of samples, so multiply it by the phase's measured CPU for CPU-seconds.
/// </summary>
internal static class WallShareProfile
{
    private static readonly string[] WallFrames =
        ["Microsoft.AspNetCore.Components", "CommandCenter.Web.Components", "CommandCenter.Web.Walls"];

    public sealed record Share(double SampledSeconds, double WallSeconds, IReadOnlyList<(string Entry, double Seconds)> Entries)
    {
        public double Fraction => SampledSeconds > 0 ? WallSeconds / SampledSeconds : 0;
    }

    /// <summary><c>walls-share FILE.nettrace</c>: converts the trace (dotnet-trace convert) and prints the share.</summary>
    public static async Task<int> RunAsync(string nettrace)
    {
        var share = await AnalyseAsync(nettrace);
        Console.WriteLine(Describe(share));
        foreach (var (entry, seconds) in share.Entries.Take(6))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {seconds,7:0.00} s  {entry}"));
        }

        return 0;
    }

    public static string Describe(Share share) => string.Create(CultureInfo.InvariantCulture,
        $"walls by profile: {share.Fraction:0.0%} of the node's CPU samples ({share.WallSeconds:0.00} of {share.SampledSeconds:0.00} sampled s)");

    public static async Task<Share> AnalyseAsync(string nettrace)
    {
        // dotnet-trace names its output {-o without extension}.speedscope.json.
        var output = Path.ChangeExtension(nettrace, ".json");
        var speedscope = Path.ChangeExtension(nettrace, ".speedscope.json");
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
        using (var convert = Process.Start(new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-trace",
            ["convert", "--format", "speedscope", nettrace, "-o", output]) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("dotnet-trace did not start"))
        {
            await convert.StandardOutput.ReadToEndAsync();
            await convert.WaitForExitAsync();
        }

        await using var file = File.OpenRead(speedscope);
        using var json = await JsonDocument.ParseAsync(file);
        var names = json.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString() ?? "").ToArray();
        var isWall = names.Select(n => WallFrames.Any(w => n.Contains(w, StringComparison.Ordinal))).ToArray();
        var cpuFrame = Array.IndexOf(names, "CPU_TIME");
        double sampled = 0, walls = 0;
        var entries = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateArray())
        {
            // Evented profiles: a frame opens and closes; CPU_TIME is the leaf of every sample the thread spent running.
            var stack = new List<(int Frame, double At)>();
            foreach (var e in profile.GetProperty("events").EnumerateArray())
            {
                var frame = e.GetProperty("frame").GetInt32();
                var at = e.GetProperty("at").GetDouble();
                if (e.GetProperty("type").GetString() == "O")
                {
                    stack.Add((frame, at));
                    continue;
                }

                var index = stack.FindLastIndex(s => s.Frame == frame);
                if (index < 0)
                {
                    continue;
                }

                if (frame == cpuFrame)
                {
                    var ms = at - stack[index].At;
                    sampled += ms;
                    var entry = stack.Take(index).Select(s => s.Frame).FirstOrDefault(f => isWall[f], -1);
                    if (entry >= 0)
                    {
                        walls += ms;
                        entries[names[entry]] = entries.GetValueOrDefault(names[entry]) + ms / 1000;
                    }
                }

                stack.RemoveRange(index, stack.Count - index);
            }
        }

        return new Share(sampled / 1000, walls / 1000, [.. entries.OrderByDescending(e => e.Value).Select(e => (e.Key, e.Value))]);
    }
}
