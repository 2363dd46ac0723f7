using System.Diagnostics;
using System.Globalization;
using System.Text;
using Watcher.Tests.Cloud.OpenStack;

namespace Watcher.Tests.Datasources.Prometheus;

/// <summary>
/// A real Prometheus (Debian package <c>prometheus</c>, installed by ./test.sh) on 127.0.0.1 and a free port, its
/// TSDB filled with <c>promtool tsdb create-blocks-from openmetrics</c> from the series below: one hour ending at
/// <see cref="End"/>, with scrape targets carrying the FQDN labels (they are never reachable; Prometheus lists
/// them as active targets all the same, which is what host resolution reads).
/// </summary>
public sealed class PrometheusServer : IAsyncLifetime
{
    public const string Vm = "5a5b1c1e-0000-4000-8000-000000000001";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "watcher-prometheus-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; } = FreePort.Get();
    /// <summary>The last sample's time (a minute ago, whole minute): queries are evaluated here.</summary>
    public DateTimeOffset End { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 - 60);

    public async Task InitializeAsync()
    {
        foreach (var tool in new[] { "/usr/bin/prometheus", "/usr/bin/promtool" })
            if (!File.Exists(tool))
                throw new InvalidOperationException($"{tool} is missing: install the Debian package 'prometheus' (./test.sh does)");
        Directory.CreateDirectory(_dir);
        var metrics = Path.Combine(_dir, "metrics.om");
        await File.WriteAllTextAsync(metrics, OpenMetrics());
        await RunAsync("/usr/bin/promtool", $"tsdb create-blocks-from openmetrics {metrics} {Path.Combine(_dir, "data")}");
        await File.WriteAllTextAsync(Path.Combine(_dir, "prometheus.yml"), """
            global:
              scrape_interval: 1h
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ['127.0.0.1:1']
                    labels: {fqdn: 'compute-1.example.com'}
                  - targets: ['127.0.0.1:2']
                    labels: {fqdn: 'compute-2.example.com'}
            """);
        _process = Process.Start(new ProcessStartInfo("/usr/bin/prometheus",
            $"--config.file={_dir}/prometheus.yml --storage.tsdb.path={_dir}/data --web.listen-address=127.0.0.1:{Port} --log.level=warn")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitUntilTargetsAreActiveAsync();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
        _process?.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private async Task WaitUntilTargetsAreActiveAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode}");
            try
            {
                var targets = await http.GetStringAsync($"http://127.0.0.1:{Port}/api/v1/targets?state=active");
                if (targets.Contains("compute-1.example.com") && targets.Contains("compute-2.example.com")) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"prometheus on port {Port} did not list its scrape targets within 60 s");
    }

    /// <summary>
    /// compute-1: two CPUs idle 75 % and 25 % of the time (50 % used on average), 32 GiB with 16 GiB available.
    /// compute-2: one CPU idle 80 %. The VM (4 vCPUs) burns 2 s of CPU per second (50 %) and uses 2048 MB.
    /// </summary>
    private string OpenMetrics()
    {
        var start = End.ToUnixTimeSeconds() - 3600;
        var text = new StringBuilder();
        void Series(string series, Func<long, double> value)
        {
            for (var t = start; t <= End.ToUnixTimeSeconds(); t += 15)
                text.Append(series).Append(' ').Append(value(t - start).ToString("R", CultureInfo.InvariantCulture))
                    .Append(' ').Append(t).Append('\n');
        }
        Series("""node_cpu_seconds_total{cpu="0",mode="idle",fqdn="compute-1.example.com"}""", s => 0.75 * s);
        Series("""node_cpu_seconds_total{cpu="1",mode="idle",fqdn="compute-1.example.com"}""", s => 0.25 * s);
        Series("""node_cpu_seconds_total{cpu="0",mode="idle",fqdn="compute-2.example.com"}""", s => 0.80 * s);
        Series("""node_memory_MemTotal_bytes{fqdn="compute-1.example.com"}""", _ => 32.0 * 1024 * 1024 * 1024);
        Series("""node_memory_MemAvailable_bytes{fqdn="compute-1.example.com"}""", _ => 16.0 * 1024 * 1024 * 1024);
        Series($$"""ceilometer_cpu{resource="{{Vm}}"}""", s => 2e9 * s);
        Series($$"""ceilometer_memory_usage{resource="{{Vm}}"}""", _ => 2048);
        text.Append("# EOF\n");
        return text.ToString();
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed: {await stderr}");
    }
}
