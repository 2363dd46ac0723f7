using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// Upstream's end-to-end applier scenarios (reference §17.6: skip, failed, host_maintenance with and without scope)
/// through the real service on the simulated cloud, checking what the cloud looks like afterwards.
/// </summary>
public sealed class ApplierScenarioTests
{
    private const string Scenario = "lifecycle_host_maintenance.json";

    private static async Task<string> AuditPlanAsync(HttpClient client, string parameters, string? template = null)
    {
        var body = template is null
            ? $$"""{"audit_type": "ONESHOT", "goal": "cluster_maintaining", "strategy": "host_maintenance", "parameters": {{parameters}}}"""
            : $$"""{"audit_type": "ONESHOT", "audit_template_uuid": "{{template}}", "parameters": {{parameters}}}""";
        var audit = await client.CreateAuditAsync(body);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        return (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
    }

    private static async Task<List<JsonNode>> RunAsync(HttpClient client, string plan)
    {
        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");
        var actions = await client.ActionsOfAsync(plan);
        Assert.All(actions, a => Assert.Equal("SUCCEEDED", (string?)a["state"]));
        return actions;
    }

    private static async Task<Dictionary<string, Server>> ServersAsync(WatcherAppFactory factory) =>
        (await factory.Services.GetRequiredService<IComputeCloud>().ListServersAsync()).ToDictionary(s => s.Name);

    private static string Describe(JsonNode a) =>
        $"{a["action_type"]}:{a["input_parameters"]!["resource_name"]}->{a["input_parameters"]!["destination_node"] ?? a["input_parameters"]!["state"]}" +
        (a["input_parameters"]!["migration_type"] is { } t ? $"({t})" : "");

    [Fact]
    public async Task Skip_ByTheOperatorAtMicroversion15_ThePlanSucceedsSayingSo()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
        var first = (string)(await client.ActionsOfAsync(plan))[0]["uuid"]!;
        var skip = """[{"op": "replace", "path": "/state", "value": "SKIPPED"}]""";

        foreach (var old in new[] { "1.0", "1.4" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/actions/{first}") { Content = new StringContent(skip) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("OpenStack-API-Version", $"infra-optim {old}");
            var refused = await factory.CreateClient().SendAsync(request);
            Assert.Equal("API microversion 1.5 or higher is required.", await refused.FaultString());
        }
        var skipped = await client.PatchJson($"/v1/actions/{first}", skip).ExpectJson();
        Assert.Equal("Action skipped by user.", (string?)skipped["status_message"]);

        await client.StartPlanAsync(plan);
        var done = await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");

        Assert.Equal("One or more actions were skipped.", (string?)done["status_message"]);
        Assert.Equal(["SKIPPED", "SUCCEEDED", "SUCCEEDED"], (await client.ActionsOfAsync(plan)).Select(a => (string?)a["state"]));
        await client.Replace($"/v1/action_plans/{plan}", "/status_message", "mine").ExpectError(400);
        Assert.Equal("One or more actions were skipped.", (string?)(await client.GetAsync($"/v1/action_plans/{plan}").ExpectJson())["status_message"]);
    }

    [Fact]
    public async Task Failed_TheSecondNopFailingItsExecution_FailsThePlan_WhichCanBeDeleted()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();
        _ = await client.GetAsync("/v1/goals").ExpectJson();   // the catalog is synced at start
        string plan = "";
        using (var scope = factory.Services.CreateScope())
        {
            // What upstream's "actuator" strategy plans for [nop, nop fail_execute].
            var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
            var strategy = db.Strategies.Single(s => s.Name == "dummy");
            var audit = new Audit { Name = "actuator", GoalId = strategy.GoalId, Strategy = strategy };
            audit.BeginRun("test");
            audit.Succeed();
            var p = new ActionPlan { Audit = audit, Strategy = strategy };
            var ok = new WatcherAction { ActionType = "nop", InputParameters = new JsonObject { ["message"] = "first" } };
            p.Actions.Add(ok);
            p.Actions.Add(new WatcherAction
            {
                ActionType = "nop", InputParameters = new JsonObject { ["message"] = "second", ["fail_execute"] = true },
                Parents = new JsonArray(ok.Uuid),
            });
            db.ActionPlans.Add(p);
            db.SaveChanges();
            plan = p.Uuid;
        }

        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "FAILED");

        var actions = await client.ActionsOfAsync(plan);
        Assert.Equal(["SUCCEEDED", "FAILED"], actions.Select(a => (string?)a["state"]));
        Assert.Equal($"Action failed in execute: The action {actions[1]["uuid"]} execution failed.", (string?)actions[1]["status_message"]);
        await client.DeleteAsync($"/v1/action_plans/{plan}").ExpectStatus(204);
    }

    [Fact]
    public async Task HostMaintenance_WithABackup_DisablesTheHostAndLiveMigratesBothServersOntoTheBackup()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();
        var plan = await AuditPlanAsync(client, """{"maintenance_node": "compute-1", "backup_node": "compute-2"}""");

        var actions = await RunAsync(client, plan);

        Assert.Equal(["change_nova_service_state:compute-1->disabled", "migrate:vm-1->compute-2(live)", "migrate:vm-2->compute-2(live)"],
            actions.Select(Describe));
        var servers = await ServersAsync(factory);
        Assert.Equal(("compute-2", "compute-2"), (servers["vm-1"].Host, servers["vm-2"].Host));
        var compute1 = (await factory.Services.GetRequiredService<IComputeCloud>().ListComputeServicesAsync()).Single(s => s.Host == "compute-1");
        Assert.Equal(("disabled", "watcher_maintaining"), (compute1.Status, compute1.DisabledReason));
    }

    [Fact]
    public async Task HostMaintenance_WithoutBackup_LeavesTheDestinationsToTheScheduler_AndAnEmptyHostIsOnlyDisabled()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        // The empty host first: afterwards the scheduler may well place the drained servers there.
        var empty = await RunAsync(client, await AuditPlanAsync(client, """{"maintenance_node": "compute-3"}"""));
        var drain = await RunAsync(client, await AuditPlanAsync(client, """{"maintenance_node": "compute-1"}"""));

        Assert.Equal(["change_nova_service_state:compute-1->disabled", "migrate:vm-1->(live)", "migrate:vm-2->(live)"], drain.Select(Describe));
        var servers = await ServersAsync(factory);
        Assert.All(new[] { "vm-1", "vm-2" }, vm => Assert.True(servers[vm].Host is "compute-2" or "compute-4", servers[vm].Host));
        Assert.Equal(["change_nova_service_state:compute-3->disabled"], empty.Select(Describe));
        var services = await factory.Services.GetRequiredService<IComputeCloud>().ListComputeServicesAsync();
        Assert.All(services.Where(s => s.Host is "compute-1" or "compute-3"), s => Assert.Equal("disabled", s.Status));
    }

    [Fact]
    public async Task HostMaintenance_OfAMixedHost_LiveMigratesActiveServers_ColdMigratesStoppedOnes_AndEmptiesIt()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();
        var plan = await AuditPlanAsync(client, """{"maintenance_node": "compute-4"}""");

        var actions = await RunAsync(client, plan);

        Assert.Equal(9, actions.Count);
        Assert.Equal(5, actions.Count(a => (string?)a["input_parameters"]!["migration_type"] == "live"));
        Assert.Equal(3, actions.Count(a => (string?)a["input_parameters"]!["migration_type"] == "cold"));
        var servers = await ServersAsync(factory);
        Assert.DoesNotContain(servers.Values, s => s.Host == "compute-4");
        Assert.All(new[] { "vm-9", "vm-10", "vm-11" }, vm => Assert.Equal("SHUTOFF", servers[vm].Status));   // confirmed, still off
        Assert.All(new[] { "vm-4", "vm-5", "vm-6", "vm-7", "vm-8" }, vm => Assert.Equal("ACTIVE", servers[vm].Status));
    }

    [Fact]
    public async Task ScopedHostMaintenance_DrainsTheHostInScope_AndAMaintenanceNodeOutsideTheScopeFailsTheAudit()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();
        var template = (string)(await client.PostJson("/v1/audit_templates", """
            {"name": "prod-maintenance", "goal": "cluster_maintaining", "strategy": "host_maintenance",
             "scope": [{"compute": [{"host_aggregates": [{"name": "prod"}]}]}]}
            """).ExpectJson(201))["uuid"]!;

        var actions = await RunAsync(client, await AuditPlanAsync(client, """{"maintenance_node": "compute-1", "backup_node": "compute-2"}""", template));
        var outside = await client.CreateAuditAsync($$$"""
            {"audit_type": "ONESHOT", "audit_template_uuid": "{{{template}}}", "parameters": {"maintenance_node": "compute-3"}}
            """);

        Assert.Equal(3, actions.Count);
        var servers = await ServersAsync(factory);
        Assert.Equal(("compute-2", "compute-2"), (servers["vm-1"].Host, servers["vm-2"].Host));
        await client.PollStateAsync($"/v1/audits/{outside}", "FAILED");
        Assert.Empty(await client.PlansOfAsync(outside));
    }

    [Fact]
    public async Task ScopedHostMaintenance_WithAHostAndAServerExcluded_LeavesTheDestinationsToTheScheduler_AndStillDrainsTheExcludedServer()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();
        var template = (string)(await client.PostJson("/v1/audit_templates", """
            {"name": "prod-without-compute-2-and-vm-1", "goal": "cluster_maintaining", "strategy": "host_maintenance",
             "scope": [{"compute": [{"host_aggregates": [{"name": "prod"}]},
                                    {"exclude": [{"compute_nodes": [{"name": "compute-2"}]},
                                                 {"instances": [{"uuid": "7e000000-0000-4000-8000-000000000001"}]}]}]}]}
            """).ExpectJson(201))["uuid"]!;

        var actions = await RunAsync(client, await AuditPlanAsync(client, """{"maintenance_node": "compute-1"}""", template));

        // Nothing in scope can take the servers, so the scheduler chooses; the excluded vm-1 still has to leave the
        // host under maintenance (upstream's host_maintenance drains every instance of the node, reference §17.6.5).
        Assert.Equal(["change_nova_service_state:compute-1->disabled", "migrate:vm-1->(live)", "migrate:vm-2->(live)"], actions.Select(Describe));
        var servers = await ServersAsync(factory);
        Assert.All(new[] { "vm-1", "vm-2" }, vm => Assert.NotEqual("compute-1", servers[vm].Host));
    }
}
