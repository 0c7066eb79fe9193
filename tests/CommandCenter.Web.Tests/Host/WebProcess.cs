using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommandCenter.Web.Tests.Host;

/// <summary>
/// CommandCenter.Web as a real process (this test run's build), for tests that kill it: SIGKILL gives no chance to
/// flush or finish anything, as a power cut or the OOM killer would not.
/// </summary>
internal sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _errors = [];

    private WebProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app with <paramref name="settings"/> as environment (e.g. <c>Storage__SqlitePath</c>) and waits for /healthz.</summary>
    public static async Task<WebProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CommandCenter.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // Development: the demo accounts and the demo feed key, as `dotnet run` has them; the simulator off.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Simulator__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Wall__LayoutsPath"] = Path.Combine(RepositoryRoot(), "wall-layouts");
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start CommandCenter.Web");
        var child = new WebProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (child._errors)
                {
                    child._errors.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await child.WaitHealthyAsync();
        return child;
    }

    /// <summary>Runs the app as a command-line tool (e.g. <c>--verify-store</c>) to its end; returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments) =>
        RunWithInputAsync(settings, null, arguments);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="input"/> on the tool's standard input.</summary>
    public static async Task<(int ExitCode, string Output)> RunWithInputAsync(IReadOnlyDictionary<string, string> settings, string? input,
        params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CommandCenter.Web.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = settings.TryGetValue("ASPNETCORE_ENVIRONMENT", out var environment) ? environment : "Development";
        info.Environment["Simulator__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Security__KeyEncryption__CertificatePath"] = TestCertificate.Path; // needed outside Development
        info.Environment["Security__KeyEncryption__CertificatePassword"] = TestCertificate.Password;
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start CommandCenter.Web");
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>SIGKILL: the process ends at once, mid-request, mid-transaction.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"CommandCenter.Web exited with {_process.ExitCode}: {string.Join('\n', _errors)}");
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

            await Task.Delay(100); // polling a condition with a deadline, not waiting for a result
        }

        throw new TimeoutException("CommandCenter.Web did not become healthy within 120 s");
    }

    /// <summary>A client signed in as a demo account through the sign-in form.</summary>
    public async Task<HttpClient> SignedInAsync(string user, string password = "CommandCenter-2026")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = Address,
        };
        var signedIn = await client.PostSignInAsync(user, password);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.ToString().Contains("error", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"signing in as {user} failed: {signedIn.StatusCode} {signedIn.Headers.Location}");
        }

        return client;
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

        return dir?.FullName ?? throw new InvalidOperationException($"no CommandCenter.sln above {AppContext.BaseDirectory}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
