using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>
/// A redis-server of the test's own, so it can be killed and brought back. Appends every write to its AOF
/// (fsync always), as a production bus should run, so a kill loses nothing Redis acknowledged.
/// </summary>
internal sealed class PrivateRedis : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-redis-").FullName;
    private Process? _process;

    public PrivateRedis() => Port = FreePort();

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000";

    public async Task StartAsync(bool empty = false)
    {
        if (empty)
        {
            foreach (var file in Directory.EnumerateFileSystemEntries(_dir))
            {
                if (Directory.Exists(file))
                {
                    Directory.Delete(file, recursive: true);
                }
                else
                {
                    File.Delete(file);
                }
            }
        }

        _process = Process.Start(new ProcessStartInfo("redis-server",
            $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly yes --appendfsync always --dir {_dir} --logfile {Path.Combine(_dir, "redis.log")}")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start (is it installed? run the tests through ./test.sh)");
        await WaitForPortAsync();
    }

    /// <summary>SIGKILL: no shutdown, no final save, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        KillAsync().GetAwaiter().GetResult();
        _process?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task WaitForPortAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
