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
    private readonly ApiFactory _app;
    private readonly ClientFrontEnd _cli;

    protected WatcherClientCompatibilityTests(DatabaseProvider provider)
    {
        _app = new ApiFactory(provider);
        var port = ClientFrontEnd.FreePort();
        _app.UseKestrel(port);
        _app.StartServer();
        _app.WithCatalog();
        _cli = ClientFrontEnd.Watcher($"http://127.0.0.1:{port}");
    }

    public void Dispose() => _app.Dispose();

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => _cli.Run(args);

    private Task<JsonNode> RunJson(params string[] args) => _cli.Json(args);

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
        Assert.Equal(new HashSet<string> { "watcher-decision-engine", "watcher-applier" }, services);
    }
}

public sealed class WatcherClientCompatibilityTestsOnSqlite() : WatcherClientCompatibilityTests(DatabaseProvider.Sqlite);

public sealed class WatcherClientCompatibilityTestsOnPostgreSql() : WatcherClientCompatibilityTests(DatabaseProvider.PostgreSql);
