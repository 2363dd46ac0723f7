using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// The operator's walk (issue #2 steps 3–6): catalog → audit → recommended plan → start → applied on the
/// embedded cloud, checked against the simulator's hosts and VMs afterwards.
/// </summary>
public abstract class AuditLifecycleTests(DatabaseProvider provider)
{
    [Fact]
    public async Task ServerConsolidation_AuditToAppliedPlan_MovesVmsAndDisablesEmptiedHosts()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json", provider: provider);
        var client = factory.Operator();

        var goals = await client.GetAsync("/v1/goals").ExpectJson();
        Assert.Superset(new HashSet<string> { "dummy", "server_consolidation", "cluster_maintaining" }, Names(goals["goals"]));
        var strategies = await client.GetAsync("/v1/strategies").ExpectJson();
        Assert.Superset(new HashSet<string> { "dummy", "vm_workload_consolidation", "host_maintenance" }, Names(strategies["strategies"]));

        var created = await client.PostJson("/v1/audits", """{"audit_type": "ONESHOT", "goal": "server_consolidation"}""").ExpectJson(201);
        Assert.Equal("PENDING", (string?)created["state"]);
        var auditUuid = (string)created["uuid"]!;
        await client.PollStateAsync($"/v1/audits/{auditUuid}", "SUCCEEDED");

        var plan = Assert.Single(await client.PlansOfAsync(auditUuid));
        Assert.Equal("RECOMMENDED", (string?)plan["state"]);
        Assert.Equal("basic", (string?)plan["strategy_name"]);   // the goal's first strategy, as upstream registers them
        var planUuid = (string)plan["uuid"]!;
        var indicators = ((JsonArray)plan["efficacy_indicators"]!).Select(i => (string)i!["name"]!).ToList();
        Assert.Contains("released_compute_nodes_count", indicators);
        Assert.Equal("released_nodes_ratio", (string?)plan["global_efficacy"]![0]!["name"]);

        var actions = await client.ActionsOfAsync(planUuid);
        var migrations = actions.Where(a => (string?)a["action_type"] == "migrate").ToList();
        var disables = actions.Where(a => (string?)a["action_type"] == "change_nova_service_state").ToList();
        Assert.NotEmpty(migrations);
        Assert.NotEmpty(disables);
        // Weight planner: service changes (weight 50) come before migrations (30), one per layer.
        Assert.Empty((JsonArray)disables[0]["parents"]!);
        Assert.All(migrations, m => Assert.NotEmpty((JsonArray)m["parents"]!));

        await client.StartPlanAsync(planUuid);
        await client.PollStateAsync($"/v1/action_plans/{planUuid}", "SUCCEEDED");
        Assert.All(await client.ActionsOfAsync(planUuid), a => Assert.Equal("SUCCEEDED", (string?)a["state"]));

        var cloud = factory.Services.GetRequiredService<IComputeCloud>();
        var servers = (await cloud.ListServersAsync()).ToDictionary(s => s.Id);
        foreach (var migration in migrations)
        {
            var input = migration["input_parameters"]!;
            Assert.Equal((string?)input["destination_node"], servers[(string)input["resource_id"]!].Host);
        }
        var services = (await cloud.ListComputeServicesAsync()).ToDictionary(s => s.Host);
        foreach (var emptied in disables.Select(d => (string)d["input_parameters"]!["resource_name"]!))
        {
            Assert.Equal("disabled", services[emptied].Status);
            Assert.DoesNotContain(servers.Values, s => s.Host == emptied);
        }
    }

    [Fact]
    public async Task StartedPlan_WithAMigrationThatFails_EndsFailedAndTheOtherActionsStillRun()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json",
            new Dictionary<string, string?> { ["Watcher:Simulator:FailMigrationsOf:0"] = "vm-1" }, provider);
        var client = factory.Operator();

        var auditUuid = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "server_consolidation"}""");
        await client.PollStateAsync($"/v1/audits/{auditUuid}", "SUCCEEDED");
        var planUuid = (string)(await client.PlansOfAsync(auditUuid))[0]["uuid"]!;
        var migrations = (await client.ActionsOfAsync(planUuid)).Where(a => (string?)a["action_type"] == "migrate");
        Assert.Contains(migrations, m => (string?)m["input_parameters"]!["resource_name"] == "vm-1");

        var started = await client.PostJson($"/v1/action_plans/{planUuid}/start", "{}").ExpectJson();
        Assert.Equal("PENDING", (string?)started["state"]);
        await client.PollStateAsync($"/v1/action_plans/{planUuid}", "FAILED");

        var after = await client.ActionsOfAsync(planUuid);
        var failed = Assert.Single(after, a => (string?)a["state"] == "FAILED");
        Assert.Equal("vm-1", (string?)failed["input_parameters"]!["resource_name"]);
        Assert.StartsWith("Action failed in execute: ", (string?)failed["status_message"] ?? "");
        Assert.All(after.Where(a => a != failed), a => Assert.Equal("SUCCEEDED", (string?)a["state"]));

        var vm1 = await factory.Services.GetRequiredService<IComputeCloud>().GetServerAsync("b0000000-0000-4000-8000-000000000001");
        Assert.Equal("node-1", vm1!.Host);
    }

    [Fact]
    public async Task Services_ListsTheThreeWatcherServicesAsActive()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json", provider: provider);
        var client = factory.Operator();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HashSet<string> names;
        do
        {
            var services = (JsonArray)(await client.GetAsync("/v1/services").ExpectJson())["services"]!;
            names = services.Where(s => (string?)s!["status"] == "ACTIVE").Select(s => (string)s!["name"]!).ToHashSet();
            if (names.Count == 3) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(new HashSet<string> { "watcher-decision-engine", "watcher-applier" }, names);
    }

    private static HashSet<string> Names(JsonNode? list) => ((JsonArray)list!).Select(g => (string)g!["name"]!).ToHashSet();
}

public sealed class AuditLifecycleTestsOnSqlite() : AuditLifecycleTests(DatabaseProvider.Sqlite);

public sealed class AuditLifecycleTestsOnPostgreSql() : AuditLifecycleTests(DatabaseProvider.PostgreSql);
