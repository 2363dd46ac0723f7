using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.Operations;

/// <summary>
/// A real Prometheus server (Debian package `prometheus`, installed by ./test.sh) scrapes the service on a real
/// port; the figures are then read back through Prometheus's own query API, as an operator's dashboard would.
/// </summary>
public sealed class PrometheusScrapeTests : IDisposable
{
    private const string PrometheusBinary = "/usr/bin/prometheus";
    private readonly string _directory = Directory.CreateTempSubdirectory("watcher-prometheus-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Prometheus_ScrapesTheService_AndAnswersQueriesOnItsMetrics()
    {
        Assert.True(File.Exists(PrometheusBinary), $"{PrometheusBinary} is missing: install prometheus (apt-get install prometheus)");
        var watcherPort = FreePort();
        using var app = new OperationsFactory(Path.Combine(_directory, "data"));
        app.UseKestrel(watcherPort);
        app.StartServer();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{watcherPort}") };
        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");

        var prometheusPort = FreePort();
        using var prometheus = StartPrometheus(watcherPort, prometheusPort);
        var query = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}") };
        try
        {
            Assert.Equal("1", await WaitForValueAsync(query, """up{job="watcher"}"""));
            Assert.Equal("1", await WaitForValueAsync(query, """watcher_audits{state="SUCCEEDED",audit_type="ONESHOT"}"""));
            Assert.Equal("1", await WaitForValueAsync(query, """watcher_audit_run_duration_seconds_count{outcome="succeeded"}"""));
            Assert.Equal("1", await WaitForValueAsync(query, "watcher_database_up"));
            Assert.Equal("1", await WaitForValueAsync(query, """sum(http_requests_received_total{code="201",endpoint="/v1/audits/"})"""));
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
        }
    }

    private Process StartPrometheus(int watcherPort, int prometheusPort)
    {
        var config = Path.Combine(_directory, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: watcher
                static_configs:
                  - targets: ["127.0.0.1:{watcherPort}"]
            """);
        var start = new ProcessStartInfo(PrometheusBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_directory, "tsdb")}",
                     $"--web.listen-address=127.0.0.1:{prometheusPort}",
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls an instant query until it has one sample; returns its value as Prometheus prints it.</summary>
    private static async Task<string> WaitForValueAsync(HttpClient prometheus, string promql)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await prometheus.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
                var result = JsonNode.Parse(last)!["data"]?["result"]?.AsArray();
                if (result is { Count: 1 }) return (string)result[0]!["value"]![1]!;
            }
            catch (HttpRequestException)
            {
                // Prometheus still starting.
            }
            await Task.Delay(250);
        }
        Assert.Fail($"Prometheus had no sample for {promql} within 60 s; last answer: {last}");
        return "";
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
