using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

/// <summary>
/// The stock python-watcherclient (`/usr/bin/watcher`, Debian package python3-watcherclient) against the app on
/// a real port, in its no-Keystone mode (endpoint override, no token). CI must install python3-watcherclient.
/// </summary>
public abstract class WatcherClientCompatibilityTests : IDisposable
{
    private const string WatcherCli = "/usr/bin/watcher";
    private readonly ApiFactory _app;
    private readonly string _endpoint;

    protected WatcherClientCompatibilityTests(DatabaseProvider provider)
    {
        _app = new ApiFactory(provider);
        var port = FreePort();
        _app.UseKestrel(port);
        _app.StartServer();
        _app.WithCatalog();
        _endpoint = $"http://127.0.0.1:{port}";
    }

    public void Dispose() => _app.Dispose();

    /// <summary>The client strips trailing '/', 'v' and '1' from the endpoint, so a port must not end in 1.</summary>
    private static int FreePort()
    {
        while (true)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port % 10 != 1) return port;
        }
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        Assert.True(File.Exists(WatcherCli), $"{WatcherCli} is missing: install python3-watcherclient (apt-get install python3-watcherclient)");
        var start = new ProcessStartInfo(WatcherCli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.ArgumentList.Add("--os-endpoint-override");
        start.ArgumentList.Add(_endpoint);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }

    private async Task<JsonNode> RunJson(params string[] args)
    {
        var (code, output, error) = await Run([.. args, "-f", "json"]);
        Assert.True(code == 0, $"watcher {string.Join(' ', args)} exited {code}: {error}{output}");
        return JsonNode.Parse(output)!;
    }

    [Fact]
    public async Task GoalList_And_StrategyList_ShowTheCatalog()
    {
        var goals = (await RunJson("goal", "list")).AsArray();
        Assert.Contains(goals, g => g!["Name"]!.GetValue<string>() == "dummy");
        var strategies = (await RunJson("strategy", "list", "--goal", "dummy")).AsArray();
        Assert.Equal(["dummy", "dummy_with_scorer", "dummy_with_resize"], strategies.Select(s => s!["Name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AuditCreate_ThenShowAndList_ShowThePendingAuditWithDefaults()
    {
        var created = await RunJson("audit", "create", "-g", "dummy", "-s", "dummy", "-p", "para1=2.5", "--name", "cli-audit");
        Assert.Equal("PENDING", created["State"]!.GetValue<string>());
        var shown = await RunJson("audit", "show", "cli-audit");
        Assert.Contains("hello", shown["Parameters"]!.ToJsonString());
        var listed = (await RunJson("audit", "list")).AsArray();
        Assert.Equal("cli-audit", listed.Single()!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Errors_ReachTheUserAsTheFaultString()
    {
        var (code, output, error) = await Run("audit", "create", "-g", "dummy", "-t", "CONTINUOUS");
        Assert.NotEqual(0, code);
        Assert.Contains("Interval of audit must be specified for CONTINUOUS.", error + output);
    }

    [Fact]
    public async Task AuditTemplateCreate_And_ActionPlanList_Work()
    {
        var template = await RunJson("audittemplate", "create", "tpl", "dummy", "-s", "dummy");
        Assert.Equal("tpl", template["Name"]!.GetValue<string>());
        Assert.Empty((await RunJson("actionplan", "list")).AsArray());
        // This API-only app writes no service rows of its own (Watcher:Jobs:ProcessJobs=false): the working processes' rows.
        _app.Seed(db =>
        {
            foreach (var name in new[] { "watcher-api", "watcher-decision-engine", "watcher-applier" })
                db.Services.Add(new Watcher.Modules.Persistence.Entities.Service { Name = name, Host = "worker-1", LastSeenUp = _app.Time.Now.UtcDateTime });
        });
        var services = (await RunJson("service", "list")).AsArray().Select(s => s!["Name"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(new HashSet<string> { "watcher-api", "watcher-decision-engine", "watcher-applier" }, services);
    }
}

public sealed class WatcherClientCompatibilityTestsOnSqlite() : WatcherClientCompatibilityTests(DatabaseProvider.Sqlite);

public sealed class WatcherClientCompatibilityTestsOnPostgreSql() : WatcherClientCompatibilityTests(DatabaseProvider.PostgreSql);
