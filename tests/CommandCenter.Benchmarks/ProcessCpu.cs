using System.Globalization;

namespace CommandCenter.Benchmarks;

/// <summary>CPU time (user + system) of a process and every process below it, from <c>/proc</c> (Linux).</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The process below <paramref name="root"/> (or itself) whose command line names <paramref name="program"/>: the app under <c>dotnet run</c>.</summary>
    public static int? FindBelow(int root, string program)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryRead(Path.Combine(dir, "stat")) is { } text)
            {
                parents[pid] = int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
        }

        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            var command = TryRead($"/proc/{pid}/cmdline")?.Replace('\0', ' ') ?? "";
            if (command.Contains(program, StringComparison.Ordinal) && !command.Contains("dotnet run", StringComparison.Ordinal))
            {
                return pid;
            }

            foreach (var child in parents.Where(p => p.Value == pid).Select(p => p.Key))
            {
                queue.Enqueue(child);
            }
        }

        return null;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static double SecondsOfTree(int root)
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": state is field 3
                stats[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // the process ended while being read
            }
        }

        var total = 0L;
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            if (stats.TryGetValue(pid, out var stat))
            {
                total += stat.Ticks;
            }

            foreach (var child in stats.Where(s => s.Value.Parent == pid).Select(s => s.Key))
            {
                queue.Enqueue(child);
            }
        }

        return total / TicksPerSecond;
    }
}
