using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Watcher.Modules.Persistence;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.Host;

/// <summary>
/// Issue 5's measured crashes, reproduced as an operator did: the built service in its own process, killed
/// with SIGKILL mid-plan, and started again on the same database (a SQLite file, or PostgreSQL) — here under another
/// host name, as a new container gets. Heartbeats every second, so a dead process is noticed after ~7 s.
/// </summary>
[Collection(nameof(RealProcesses))]
public sealed class ProcessCrashTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("watcher-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private Dictionary<string, string> Settings(string host, DatabaseSettings? database = null) => new()
    {
        ["Watcher:Host"] = host,
        [DatabaseSettings.ProviderKey] = database?.ProviderName ?? "sqlite",
        [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] =
            database?.ConnectionString ?? $"Data Source={Path.Combine(_directory, "watcher.db")}",
        ["Watcher:Services:HeartbeatInterval"] = "1",
        ["Watcher:Api:ServiceDownTime"] = "5",
        ["Watcher:Applier:CancellationPollInterval"] = "0.2",
    };

    private static Task<string> Dummy(HttpClient client, double sleepSeconds, bool force = false) =>
        client.CreateAuditAsync(new JsonObject
        {
            ["audit_type"] = "ONESHOT", ["goal"] = "dummy", ["strategy"] = "dummy", ["auto_trigger"] = true, ["force"] = force,
            ["parameters"] = new JsonObject { ["para1"] = sleepSeconds },
        }.ToJsonString());

    private static async Task<string> PlanOf(HttpClient client, string audit)
    {
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        return (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Kill9MidPlan_ThenRestartUnderAnotherName_RecoversEverything(DatabaseProvider provider)
    {
        // SQLite: a file in the test's directory; PostgreSQL: a database of the test server (and Hangfire's durable
        // queues in it, so the queued plan also survives in the job storage).
        using var server = provider == DatabaseProvider.PostgreSql ? new TempDatabase(provider, migrated: false) : null;
        var database = server?.Settings;
        string running, queued;
        await using (var alpha = await RunningWatcher.StartAsync(_directory, Settings("alpha", database)))
        {
            var client = alpha.Client;
            running = await PlanOf(client, await Dummy(client, 10.0));
            var sleep = (await client.ActionsOfAsync(running)).Single(a => (string?)a["action_type"] == "sleep");
            await client.PollStateAsync($"/v1/actions/{sleep["uuid"]}", "ONGOING");
            // An auto-triggered plan waiting for the (single) applier worker.
            queued = await PlanOf(client, await Dummy(client, 1.0, force: true));
            Assert.Equal("PENDING", (string?)(await client.GetAsync($"/v1/action_plans/{queued}").ExpectJson())["state"]);

            await alpha.KillAsync();
        }

        await using var beta = await RunningWatcher.StartAsync(_directory, Settings("beta", database));
        var operator2 = beta.Client;
        // The operator tries to cancel the orphan at once: it must not stay CANCELLING. (On a slow machine beta
        // may have recovered it before it answers: then the PATCH is refused as the plan is CANCELLED already.)
        var patch = await operator2.Replace($"/v1/action_plans/{running}", "/state", "CANCELLING");
        if (!patch.IsSuccessStatusCode)
            Assert.Contains("(CANCELLED -> CANCELLING)", await patch.FaultString());

        // Crash 1: the queued auto-triggered plan is not lost.
        await operator2.PollStateAsync($"/v1/action_plans/{queued}", "SUCCEEDED");
        // Crash 3: the plan alpha was running ends, with upstream's message naming alpha, though beta has another name.
        var recovered = await operator2.PollStateAsync($"/v1/action_plans/{running}", "CANCELLED");
        Assert.Equal("Action plan was cancelled because Applier alpha was stopped while the action plan was ongoing.",
            (string?)recovered["status_message"]);
        var actions = await operator2.ActionsOfAsync(running);
        Assert.Equal(["SUCCEEDED", "SUCCEEDED", "CANCELLED"], actions.Select(a => (string?)a["state"]));
        // ... so later audits run instead of being CANCELLED behind an ONGOING plan forever.
        var later = await operator2.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy"}""");
        await operator2.PollStateAsync($"/v1/audits/{later}", "SUCCEEDED");

        // Both processes show as services, per host, with their liveness.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var services = ((JsonArray)(await operator2.GetAsync("/v1/services").ExpectJson())["services"]!)
                .ToDictionary(s => $"{s!["name"]}@{s["host"]}", s => (string)s!["status"]!);
            var expected = new Dictionary<string, string>
            {
                ["watcher-decision-engine@alpha"] = "FAILED", ["watcher-applier@alpha"] = "FAILED",
                ["watcher-decision-engine@beta"] = "ACTIVE", ["watcher-applier@beta"] = "ACTIVE",
            };
            if (expected.All(e => services.GetValueOrDefault(e.Key) == e.Value)) break;
            Assert.True(DateTime.UtcNow < deadline, string.Join(", ", services.Select(s => $"{s.Key}={s.Value}")));
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task TheJobDashboard_IsServedReadOnlyToLoopbackCallers()
    {
        await using var watcher = await RunningWatcher.StartAsync(_directory, Settings("dash"));

        var page = await watcher.Client.GetAsync("/hangfire/recurring");
        var html = await page.Content.ReadAsStringAsync();

        Assert.True(page.IsSuccessStatusCode, $"{(int)page.StatusCode}: {html}");
        Assert.Contains("continuous-audit-sweep", html);
        Assert.Contains("action-plan-expiry", html);
        Assert.DoesNotContain("js-jobs-list-command", html);   // no trigger/delete buttons: read-only
    }
}

/// <summary>Real Watcher processes start one test at a time (each costs a second or two of CPU at start).</summary>
[CollectionDefinition(nameof(RealProcesses))]
public sealed class RealProcesses;
