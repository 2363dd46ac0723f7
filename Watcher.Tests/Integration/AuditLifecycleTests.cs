using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;

namespace Watcher.Tests.Integration;

/// <summary>
/// The operator's walk (issue #2 steps 3–6): catalog → audit → recommended plan → start → applied on the
/// embedded cloud, checked against the simulator's hosts and VMs afterwards.
/// </summary>
public sealed class AuditLifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServerConsolidation_AuditToAppliedPlan_MovesVmsAndDisablesEmptiedHosts()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json");
        var client = factory.CreateClient();

        var goals = await GetAsync(client, "/v1/goals");
        Assert.Superset(new HashSet<string> { "dummy", "server_consolidation", "cluster_maintaining" }, Names(goals["goals"]));
        var strategies = await GetAsync(client, "/v1/strategies");
        Assert.Superset(new HashSet<string> { "dummy", "vm_workload_consolidation", "host_maintenance" }, Names(strategies["strategies"]));

        var created = await SendAsync(client, HttpMethod.Post, "/v1/audits",
            """{"audit_type": "ONESHOT", "goal": "server_consolidation"}""", HttpStatusCode.Created);
        Assert.Equal("PENDING", (string?)created["state"]);
        var auditUuid = (string)created["uuid"]!;

        await PollAsync(client, $"/v1/audits/{auditUuid}", "SUCCEEDED");

        var plans = (JsonArray)(await GetAsync(client, $"/v1/action_plans?audit_uuid={auditUuid}"))["action_plans"]!;
        var plan = Assert.Single(plans)!;
        Assert.Equal("RECOMMENDED", (string?)plan["state"]);
        // No strategy named: the goal's first registered strategy ran.
        Assert.Equal("vm_workload_consolidation", (string?)plan["strategy_name"]);
        var planUuid = (string)plan["uuid"]!;
        var indicators = ((JsonArray)plan["efficacy_indicators"]!).Select(i => (string)i!["name"]!).ToList();
        Assert.Contains("released_compute_nodes_count", indicators);
        Assert.Equal("released_nodes_ratio", (string?)plan["global_efficacy"]![0]!["name"]);

        var actions = await ListActionsAsync(client, planUuid);
        var migrations = actions.Where(a => (string?)a["action_type"] == "migrate").ToList();
        var disables = actions.Where(a => (string?)a["action_type"] == "change_nova_service_state").ToList();
        Assert.NotEmpty(migrations);
        Assert.NotEmpty(disables);
        // Weight planner: service changes (weight 50) come before migrations (30), one per layer.
        Assert.Empty((JsonArray)disables[0]["parents"]!);
        Assert.All(migrations, m => Assert.NotEmpty((JsonArray)m["parents"]!));

        await SendAsync(client, HttpMethod.Patch, $"/v1/action_plans/{planUuid}",
            """[{"op": "replace", "path": "/state", "value": "PENDING"}]""", HttpStatusCode.OK);
        await PollAsync(client, $"/v1/action_plans/{planUuid}", "SUCCEEDED");
        Assert.All(await ListActionsAsync(client, planUuid), a => Assert.Equal("SUCCEEDED", (string?)a["state"]));

        var cloud = factory.Services.GetRequiredService<IComputeCloud>();
        var servers = (await cloud.ListServersAsync()).ToDictionary(s => s.Id);
        foreach (var migration in migrations)
        {
            var input = migration["input_parameters"]!;
            Assert.Equal((string?)input["destination_node"], servers[(string)input["resource_id"]!].Host);
        }
        var services = (await cloud.ListComputeServicesAsync()).ToDictionary(s => s.Host);
        foreach (var disable in disables)
            Assert.Equal("disabled", services[(string)disable["input_parameters"]!["resource_name"]!].Status);
        foreach (var emptied in disables.Select(d => (string)d["input_parameters"]!["resource_name"]!))
            Assert.DoesNotContain(servers.Values, s => s.Host == emptied);
    }

    [Fact]
    public async Task StartedPlan_WithAMigrationThatFails_EndsFailedAndTheOtherActionsStillRun()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json",
            new Dictionary<string, string?> { ["Watcher:Simulator:FailMigrationsOf:0"] = "vm-1" });
        var client = factory.CreateClient();

        var created = await SendAsync(client, HttpMethod.Post, "/v1/audits",
            """{"audit_type": "ONESHOT", "goal": "server_consolidation"}""", HttpStatusCode.Created);
        await PollAsync(client, $"/v1/audits/{created["uuid"]}", "SUCCEEDED");
        var plan = (await GetAsync(client, $"/v1/action_plans?audit_uuid={created["uuid"]}"))["action_plans"]![0]!;
        var planUuid = (string)plan["uuid"]!;
        var migrations = (await ListActionsAsync(client, planUuid)).Where(a => (string?)a["action_type"] == "migrate").ToList();
        Assert.Contains(migrations, m => (string?)m["input_parameters"]!["resource_name"] == "vm-1");

        var started = await SendAsync(client, HttpMethod.Post, $"/v1/action_plans/{planUuid}/start", "{}", HttpStatusCode.OK);
        Assert.Equal("PENDING", (string?)started["state"]);
        await PollAsync(client, $"/v1/action_plans/{planUuid}", "FAILED");

        var after = await ListActionsAsync(client, planUuid);
        var failed = Assert.Single(after, a => (string?)a["state"] == "FAILED");
        Assert.Equal("vm-1", (string?)failed["input_parameters"]!["resource_name"]);
        Assert.All(after.Where(a => a != failed), a => Assert.Equal("SUCCEEDED", (string?)a["state"]));

        var vm1 = await factory.Services.GetRequiredService<IComputeCloud>().GetServerAsync("b0000000-0000-4000-8000-000000000001");
        Assert.Equal("node-1", vm1!.Host);
    }

    [Fact]
    public async Task Services_ListsTheThreeWatcherServicesAsActive()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json");
        var client = factory.CreateClient();
        var deadline = DateTime.UtcNow + Patience;
        HashSet<string> names;
        do
        {
            var services = (JsonArray)(await GetAsync(client, "/v1/services"))["services"]!;
            names = services.Where(s => (string?)s!["status"] == "ACTIVE").Select(s => (string)s!["name"]!).ToHashSet();
            if (names.Count == 3) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(new HashSet<string> { "watcher-api", "watcher-decision-engine", "watcher-applier" }, names);
    }

    private static HashSet<string> Names(JsonNode? list) => ((JsonArray)list!).Select(g => (string)g!["name"]!).ToHashSet();

    private static async Task<List<JsonNode>> ListActionsAsync(HttpClient client, string planUuid) =>
        ((JsonArray)(await GetAsync(client, $"/v1/actions/detail?action_plan_uuid={planUuid}"))["actions"]!).Select(a => a!).ToList();

    private static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} -> {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string path, string json, HttpStatusCode expected)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} -> {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Polls until the resource reaches <paramref name="state"/>; fails fast on a different final state.</summary>
    private static async Task<JsonNode> PollAsync(HttpClient client, string path, string state)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var resource = await GetAsync(client, path);
            var current = (string?)resource["state"];
            if (current == state) return resource;
            Assert.True(current is "PENDING" or "ONGOING" or "RECOMMENDED" or "CANCELLING" || current == state,
                $"{path} reached {current} while waiting for {state}: {resource.ToJsonString()}");
            Assert.True(DateTime.UtcNow < deadline, $"{path} still {current} after {Patience}");
            await Task.Delay(50);
        }
    }
}
