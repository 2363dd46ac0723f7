using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Watcher.Tests.Integration;
using Xunit.Abstractions;
using Watcher.Tests.Support;

namespace Watcher.Tests.Host;

/// <summary>
/// Issue 7's "nothing stuck, nothing lost", as an operator would check it: the built service in its own process runs
/// host-maintenance plans (service changes, live and cold migrations) on the simulated cloud and is killed with SIGKILL
/// at 22 points of a plan — at action boundaries and at times after the start — then started again on the same data.
/// Every plan and action must end in a final state, no row may be lost, no migration may be issued twice for one
/// action, and the cloud (its state file and the compute model) must show exactly what the actions' states say.
/// Plans take turns on three pairs of hosts, so a new plan never waits for the previous one's recovery.
/// </summary>
[Collection(nameof(RealProcesses))]
public sealed class ApplierCrashTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Final = ["SUCCEEDED", "FAILED", "CANCELLED"];
    private static readonly string[] FinalActions = ["SUCCEEDED", "FAILED", "CANCELLED", "SKIPPED"];
    private readonly string _directory = Directory.CreateTempSubdirectory("watcher-applier-crash-").FullName;
    private string Database => Path.Combine(_directory, "watcher.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private Dictionary<string, string> Settings(string host) => new()
    {
        ["Watcher:Host"] = host,
        ["Watcher:Database:Connection"] = $"Data Source={Database}",
        ["Watcher:Services:HeartbeatInterval"] = "1",
        ["Watcher:Api:ServiceDownTime"] = "5",
        ["Watcher:Applier:CancellationPollInterval"] = "0.2",
        ["Watcher:Applier:Workers"] = "2",
        ["Watcher:Simulator:ScenarioFile"] = TestPaths.TestScenario("crash_pairs.json"),
        ["Watcher:Simulator:LiveMigrationSeconds"] = "1",
        ["Watcher:Simulator:ColdMigrationSeconds"] = "1",
        ["Watcher:Nova:MigrationInterval"] = "0.1",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>A moment of a running plan: the process is killed as soon as it is reached.</summary>
    private sealed record KillPoint(string Name, Func<HttpClient, StartedPlan, Task> Reached);

    private sealed record RecordedAction(string Uuid, string Type, JsonObject Parameters);

    private sealed record StartedPlan(string Uuid, int Pair, string Host, DateTime StartedAt, IReadOnlyList<RecordedAction> Actions)
    {
        public RecordedAction Migration(int n) => Actions.Where(a => a.Type == "migrate").ElementAtOrDefault(n) ?? Actions[^1];
    }

    private static KillPoint AfterSeconds(double seconds) => new($"{seconds}s", (_, _) => Task.Delay(TimeSpan.FromSeconds(seconds)));

    private static KillPoint When(string name, Func<StartedPlan, string> resource, params string[] states) => new(name, async (client, plan) =>
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var state = (string?)(await client.GetAsync(resource(plan)).ExpectJson())["state"];
            if (states.Contains(state) || Final.Contains(state) && !resource(plan).Contains("/actions/")) return;
            if (resource(plan).Contains("/actions/") && FinalActions.Contains(state)) return;   // passed the boundary already
            await Task.Delay(15);
        }
    });

    private static readonly KillPoint[] Points =
    [
        AfterSeconds(0),
        When("plan ONGOING", p => $"/v1/action_plans/{p.Uuid}", "ONGOING"),
        When("first service change done", p => $"/v1/actions/{p.Actions[0].Uuid}", "SUCCEEDED"),
        When("migration 1 ONGOING", p => $"/v1/actions/{p.Migration(0).Uuid}", "ONGOING"),
        When("migration 2 ONGOING", p => $"/v1/actions/{p.Migration(1).Uuid}", "ONGOING"),
        When("migration 1 SUCCEEDED", p => $"/v1/actions/{p.Migration(0).Uuid}", "SUCCEEDED"),
        When("migration 2 SUCCEEDED", p => $"/v1/actions/{p.Migration(1).Uuid}", "SUCCEEDED"),
        When("migration 3 ONGOING", p => $"/v1/actions/{p.Migration(2).Uuid}", "ONGOING"),
        When("migration 3 SUCCEEDED", p => $"/v1/actions/{p.Migration(2).Uuid}", "SUCCEEDED"),
        When("plan SUCCEEDED", p => $"/v1/action_plans/{p.Uuid}", "SUCCEEDED"),
        AfterSeconds(0.05), AfterSeconds(0.15), AfterSeconds(0.3), AfterSeconds(0.5), AfterSeconds(0.7), AfterSeconds(0.9),
        AfterSeconds(1.1), AfterSeconds(1.3), AfterSeconds(1.6), AfterSeconds(1.9), AfterSeconds(2.3), AfterSeconds(2.8),
    ];

    [Fact]
    public async Task KilledAt22PointsOfItsPlans_EveryPlanAndActionEnds_NothingIsLostOrDoneTwice_AndTheCloudAgrees()
    {
        var plans = new List<StartedPlan>();
        for (var k = 0; k < Points.Length; k++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var watcher = await RunningWatcher.StartAsync(_directory, Settings($"crash-{k}"));
            var started = clock.Elapsed;
            var plan = await StartPlanAsync(watcher.Client, pair: k % 3 + 1);
            var planned = clock.Elapsed;
            plans.Add(plan);
            await Points[k].Reached(watcher.Client, plan);
            await watcher.KillAsync();
            output.WriteLine($"kill {k} at {Points[k].Name}: process up in {started.TotalSeconds:F1}s, plan started at {planned.TotalSeconds:F1}s, killed at {clock.Elapsed.TotalSeconds:F1}s");
        }

        await using var last = await RunningWatcher.StartAsync(_directory, Settings("crash-final"));
        var client = last.Client;
        await WaitUntilEveryPlanEndedAsync(client, plans);

        var actionStates = new Dictionary<string, (string State, string? Message)>();
        for (var k = 0; k < plans.Count; k++)
        {
            var plan = await client.GetAsync($"/v1/action_plans/{plans[k].Uuid}").ExpectJson();
            var actions = await client.ActionsOfAsync(plans[k].Uuid);
            // No row lost, nothing left mid-way.
            Assert.Equal(plans[k].Actions.Select(a => a.Uuid).Order(), actions.Select(a => (string)a["uuid"]!).Order());
            Assert.All(actions, a => Assert.Contains((string?)a["state"], FinalActions));
            // Killed while PENDING, a plan is run by the next process: the one named is the one that died running it.
            if ((string?)plan["state"] == "CANCELLED")
                Assert.Matches("^Action plan was cancelled because Applier crash-[0-9]+ was stopped while the action plan was ongoing\\.$",
                    (string?)plan["status_message"]);
            else Assert.Equal("SUCCEEDED", (string?)plan["state"]);
            foreach (var a in actions) actionStates[(string)a["uuid"]!] = ((string)a["state"]!, (string?)a["status_message"]);
        }

        var migrations = MigrationLog();
        var expectedHost = InitialHosts();   // then replayed through every SUCCEEDED migration, in plan order
        var expectedStatus = new Dictionary<string, string>();
        foreach (var plan in plans)
        {
            var windowEnd = plans.FirstOrDefault(p => p.Pair == plan.Pair && p.StartedAt > plan.StartedAt)?.StartedAt ?? DateTime.MaxValue;
            foreach (var action in plan.Actions)
            {
                var (state, message) = actionStates[action.Uuid];
                if (action.Type == "change_nova_service_state" && state == "SUCCEEDED")
                    expectedStatus[(string)action.Parameters["resource_name"]!] = (string)action.Parameters["state"]!;
                if (action.Type != "migrate") continue;
                var server = (string)action.Parameters["resource_id"]!;
                var issued = migrations.Count(m => m.Server == server && m.Source == (string)action.Parameters["source_node"]!
                    && m.At >= plan.StartedAt && m.At < windowEnd);
                // Never issued twice; issued exactly once when it took effect, never when it was cancelled.
                var expectedIssued = state switch { "SUCCEEDED" => 1, "CANCELLED" or "SKIPPED" => 0, _ => issued };
                Assert.True(issued == expectedIssued && issued <= 1,
                    $"action {action.Uuid} ({state}: {message}) of plan {plan.Uuid}: {issued} migrations of {server} issued");
                if (state == "SUCCEEDED") expectedHost[server] = (string)action.Parameters["destination_node"]!;
            }
        }

        var model = await DataModelAsync(client);
        var cloud = CloudState();
        foreach (var (server, host) in expectedHost)
        {
            Assert.Equal(host, cloud.Hosts[server]);
            Assert.Equal(host, model[server]);
        }
        foreach (var (host, status) in expectedStatus) Assert.Equal(status, cloud.ServiceStatus[host]);
        Assert.Contains(plans, p => actionStates[p.Actions[^1].Uuid].State == "SUCCEEDED");   // some plans did finish
        Assert.True(plans.Count(p => actionStates.Any(a => p.Actions.Any(x => x.Uuid == a.Key) && a.Value.Message?.StartsWith("Action completed although") == true)) > 0,
            "no migration was caught in flight by a kill");
    }

    /// <summary>A host_maintenance plan draining the fuller host of the pair onto the other; started at once.</summary>
    private static async Task<StartedPlan> StartPlanAsync(HttpClient client, int pair)
    {
        var model = await DataModelAsync(client);
        var onA = model.Values.Count(h => h == $"pair{pair}-a");
        var onB = model.Values.Count(h => h == $"pair{pair}-b");
        var (maintenance, backup) = onA >= onB ? ($"pair{pair}-a", $"pair{pair}-b") : ($"pair{pair}-b", $"pair{pair}-a");
        var audit = await client.CreateAuditAsync($$$"""
            {"audit_type": "ONESHOT", "goal": "cluster_maintaining", "strategy": "host_maintenance", "force": true,
             "parameters": {"maintenance_node": "{{{maintenance}}}", "backup_node": "{{{backup}}}"}}
            """);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var uuid = (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
        var actions = (await client.ActionsOfAsync(uuid))
            .Select(a => new RecordedAction((string)a["uuid"]!, (string)a["action_type"]!, a["input_parameters"]!.AsObject())).ToList();
        var startedAt = DateTime.UtcNow;
        await client.StartPlanAsync(uuid);
        return new StartedPlan(uuid, pair, maintenance, startedAt, actions);
    }

    private static async Task WaitUntilEveryPlanEndedAsync(HttpClient client, IReadOnlyList<StartedPlan> plans)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var open = new List<string>();
            foreach (var plan in plans)
            {
                var state = (string?)(await client.GetAsync($"/v1/action_plans/{plan.Uuid}").ExpectJson())["state"];
                if (!Final.Contains(state)) open.Add($"{plan.Uuid}={state}");
            }
            if (open.Count == 0) return;
            Assert.True(DateTime.UtcNow < deadline, $"plans never ended: {string.Join(", ", open)}");
            await Task.Delay(250);
        }
    }

    /// <summary>Server id → the host the compute model maps it to (GET /v1/data_model).</summary>
    private static async Task<Dictionary<string, string>> DataModelAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/data_model");
        request.Headers.Add("OpenStack-API-Version", "infra-optim 1.3");
        var body = await client.SendAsync(request).ExpectJson();
        return body["context"]!.AsArray().Where(r => r!["server_uuid"] is not null)
            .ToDictionary(r => (string)r!["server_uuid"]!, r => (string)r!["node_hostname"]!);
    }

    /// <summary>Server id → the host the scenario places it on.</summary>
    private static Dictionary<string, string> InitialHosts() =>
        JsonNode.Parse(File.ReadAllText(TestPaths.TestScenario("crash_pairs.json")))!["instances"]!.AsArray()
            .ToDictionary(i => (string)i!["uuid"]!, i => (string)i!["host"]!);

    private sealed record Migration(string Server, string Source, string Destination, DateTime At);

    private List<Migration> MigrationLog()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "watcher.simulator.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT server_id, source, destination, started_at FROM migrations ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<Migration>();
        while (reader.Read())
            rows.Add(new Migration(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateTime.Parse(reader.GetString(3), null, System.Globalization.DateTimeStyles.RoundtripKind).ToUniversalTime()));
        return rows;
    }

    /// <summary>The cloud as its state file holds it, with migrations whose time is past counted as done.</summary>
    private (Dictionary<string, string> Hosts, Dictionary<string, string> ServiceStatus) CloudState()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "watcher.simulator.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM cloud_state WHERE id = 1";
        var state = JsonNode.Parse((string)command.ExecuteScalar()!)!;
        var hosts = new Dictionary<string, string>();
        foreach (var (id, server) in state["servers"]!.AsObject())
        {
            var migration = server!["migration"];
            hosts[id] = migration is not null && DateTimeOffset.Parse((string)migration["endsAt"]!) <= DateTimeOffset.UtcNow
                && !(bool)migration["willFail"]!
                ? (string)migration["destination"]! : (string)server["host"]!;
        }
        var services = state["hosts"]!.AsObject().ToDictionary(h => h.Key, h => (string)h.Value!["status"]!);
        return (hosts, services);
    }
}
