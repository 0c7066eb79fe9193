using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb in a temporary folder), so a test can stop and start the
/// server without disturbing any other test. Needs the server binaries that ./test.sh finds (CC_TEST_PG_BIN).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private readonly bool _fsync;
    private readonly string _serverOptions;

    private PrivatePostgres(string bin, string folder, int port, bool fsync, string serverOptions)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
        _fsync = fsync;
        _serverOptions = serverOptions;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    /// <param name="fsync">On for measuring durable commits; off (the default) for tests, which only need the semantics.</param>
    /// <param name="serverOptions">More <c>-c name=value</c> settings for the server (a benchmark's statement statistics).</param>
    public static async Task<PrivatePostgres> StartAsync(bool fsync = false, string serverOptions = "")
    {
        var bin = Environment.GetEnvironmentVariable("CC_TEST_PG_BIN")
            ?? throw new InvalidOperationException("CC_TEST_PG_BIN is not set: run the tests through ./test.sh");
        var folder = Directory.CreateTempSubdirectory("cc-pg-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
        var server = new PrivatePostgres(bin, folder, FreePort(), fsync, serverOptions);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", folder);
        }

        await server.AsPostgresAsync("initdb", "-D", Path.Combine(folder, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8");
        await server.StartServerAsync();
        return server;
    }

    public Task StartServerAsync() => AsPostgresAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "log"),
        "-w", "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync={(_fsync ? "on" : "off")} {_serverOptions}", "start");

    /// <summary>Kills the server the hard way (immediate shutdown), as a crash or a pulled cable would.</summary>
    public Task KillAsync() => AsPostgresAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task AsPostgresAsync(string tool, params string[] args) => Environment.UserName == "root"
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
        : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
