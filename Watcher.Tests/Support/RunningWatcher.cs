using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Watcher.Tests.Support;

/// <summary>
/// The built service as an operator runs it: `dotnet Watcher.Host.dll` in its own process, on a free
/// loopback port, configured by environment variables. The tests kill it (SIGKILL), stop it (SIGTERM) and
/// start another one on the same SQLite file.
/// </summary>
public sealed class RunningWatcher : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningWatcher(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add("OpenStack-API-Version", "infra-optim 1.5");
    }

    public int Port { get; }
    public HttpClient Client { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;

    /// <summary>The Watcher.Host build copied beside this test build (the test project references it).</summary>
    public static string HostDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Watcher.Host.dll");
            return File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json"))
                ? path : throw new FileNotFoundException("Watcher.Host is not built beside the tests", path);
        }
    }

    /// <summary>Starts a process and waits until its API answers.</summary>
    public static async Task<RunningWatcher> StartAsync(string workDirectory, IDictionary<string, string> settings)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [HostDll])
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var watcher = new RunningWatcher(process, port);
        process.OutputDataReceived += (_, e) => watcher.Append(e.Data);
        process.ErrorDataReceived += (_, e) => watcher.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await watcher.WaitUntilServingAsync();
        return watcher;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Watcher exited ({_process.ExitCode}) at start:\n{Output}");
            try
            {
                var response = await Client.GetAsync("/v1");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Watcher did not answer within 90 s:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>kill -9: the process gets no chance to record anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>kill -TERM, as systemd or a container runtime stops a service.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, 15) != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed");
    }

    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
