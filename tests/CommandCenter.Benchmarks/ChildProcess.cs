using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommandCenter.Benchmarks;

/// <summary>A CommandCenter process (gateway or web node) started from this checkout's Release build.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The process started (`dotnet run`; the node runs below it).</summary>
    public int Id => _process.Id;

    public static Task<ChildProcess> StartAsync(string project, params string[] settings) => StartAsync(project, direct: false, settings);

    /// <summary>The built assembly run with <c>dotnet</c> itself, as a service would start it (no `dotnet run` in front), for start-up times.</summary>
    public static Task<ChildProcess> StartDirectAsync(string project, params string[] settings) => StartAsync(project, direct: true, settings);

    private static async Task<ChildProcess> StartAsync(string project, bool direct, string[] settings)
    {
        var port = FreePort();
        var root = RepositoryRoot();
        // CC_NODE_CPUS (e.g. 0): the node pinned to those cores (taskset), so a harness and its browsers pinned elsewhere do not
        // take the node's CPU from it while it is measured.
        var cpus = Environment.GetEnvironmentVariable("CC_NODE_CPUS");
        var info = new ProcessStartInfo(string.IsNullOrEmpty(cpus) ? "dotnet" : "taskset")
        {
            WorkingDirectory = Path.Combine(root, project),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // As the run command starts it (its launch profile): Development, so the demo accounts and wall device exist and no
        // production certificate is needed; the simulator and the log level are set below.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // CC_NODE_DLL: a published build of the node instead (e.g. ReadyToRun), for every benchmark's nodes, run with this checkout's
        // project folder as content root.
        var published = Environment.GetEnvironmentVariable("CC_NODE_DLL");
        string[] launch = !string.IsNullOrEmpty(published) && project == "CommandCenter.Web"
            ? [published, "--contentRoot", Path.Combine(root, project)]
            : direct
                ? [Path.Combine(root, project, "bin", "Release", "net10.0", $"{project}.dll")]
                : ["run", "-c", "Release", "--no-build", "--no-launch-profile", "--project", Path.Combine(root, project), "--"];
        if (!string.IsNullOrEmpty(cpus))
        {
            launch = ["-c", cpus, "dotnet", .. launch];
        }

        foreach (var argument in launch.Concat(["--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning"]).Concat(settings))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {project}");
        var echo = Environment.GetEnvironmentVariable("CC_CHILD_OUTPUT") == "1"; // the node's own log, for looking into a run
        process.OutputDataReceived += (_, e) =>
        {
            if (echo && e.Data is not null)
            {
                Console.WriteLine($"[{project} {DateTime.UtcNow:HH:mm:ss.fff}] {e.Data}");
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{project}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await child.WaitHealthyAsync(project, TimeSpan.FromMilliseconds(direct ? 20 : 200));
        return child;
    }

    private async Task WaitHealthyAsync(string project, TimeSpan poll)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{project} exited with {_process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(poll);
        }

        throw new TimeoutException($"{project} did not become healthy");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run the benchmark from inside the repository");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
