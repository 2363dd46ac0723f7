using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// An audit for each goal of this part of issue 6, on the embedded cloud: it reaches SUCCEEDED with a plan the
/// applier runs (or, for an action type not built yet, a clear failure when executed), and the cloud shows the
/// result.
/// </summary>
public sealed class Issue6GoalAuditTests
{
    private const string Scenario = "lifecycle_consolidation.json";   // node-1 .. node-4, vm-1 .. vm-6

    [Fact]
    public async Task Unclassified_Actuator_RunsTheGivenActions_AndMovesTheVm()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        var plan = await AuditToPlanAsync(client, """
            {"audit_type": "ONESHOT", "goal": "unclassified", "strategy": "actuator", "parameters": {"actions": [
              {"action_type": "nop", "input_parameters": {"message": "before"}},
              {"action_type": "migrate", "resource_id": "b0000000-0000-4000-8000-000000000006",
               "input_parameters": {"migration_type": "live", "source_node": "node-4", "destination_node": "node-3"}}]}}
            """);
        Assert.Equal(["nop", "migrate"], (await client.ActionsOfAsync(plan)).Select(a => (string)a["action_type"]!));

        await RunPlanAsync(client, plan, "SUCCEEDED");
        Assert.Equal("node-3", (await Cloud(factory).GetServerAsync("b0000000-0000-4000-8000-000000000006"))!.Host);
    }

    [Fact]
    public async Task Unclassified_Actuator_VolumeMigrate_OfAVolumeCinderDoesNotKnow_IsSkipped()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        var plan = await AuditToPlanAsync(client, """
            {"audit_type": "ONESHOT", "goal": "unclassified", "strategy": "actuator", "parameters": {"actions": [
              {"action_type": "volume_migrate", "resource_id": "c0000000-0000-4000-8000-000000000001", "input_parameters": {"migration_type": "migrate"}}]}}
            """);

        // volume_migrate runs for real now: the embedded Cinder has no such volume, so the pre-condition skips it.
        await RunPlanAsync(client, plan, "SUCCEEDED");
        var action = Assert.Single(await client.ActionsOfAsync(plan));
        Assert.Equal(("SKIPPED", "Action was skipped automatically: Volume c0000000-0000-4000-8000-000000000001 not found"),
            ((string?)action["state"], (string?)action["status_message"]));
    }

    [Fact]
    public async Task Dummy_WithScorer_PlansFourActions_AndTheApplierRunsThem()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        var plan = await AuditToPlanAsync(client,
            """{"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy_with_scorer", "parameters": {"seed": 3}}""");
        var actions = await client.ActionsOfAsync(plan);
        Assert.Equal(["nop", "nop", "nop", "sleep"], actions.Select(a => (string)a["action_type"]!));
        Assert.StartsWith("Detected Workload: ", (string?)actions[1]["input_parameters"]!["message"]);

        await RunPlanAsync(client, plan, "SUCCEEDED");
    }

    [Fact]
    public async Task Dummy_WithResize_PlansTempestsActions()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        var plan = await AuditToPlanAsync(client, """{"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy_with_resize"}""");

        Assert.Equal(["nop", "nop", "sleep", "migrate", "migrate", "resize"],
            (await client.ActionsOfAsync(plan)).Select(a => (string)a["action_type"]!));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("specify")]
    public async Task ServerConsolidation_NodeResourceConsolidation_EmptiesTheLeastUsedNodes(string hostChoice)
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        var audit = await client.CreateAuditAsync($$$"""
            {"audit_type": "ONESHOT", "goal": "server_consolidation", "strategy": "node_resource_consolidation",
             "parameters": {"host_choice": "{{{hostChoice}}}"}}
            """);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = Assert.Single(await client.PlansOfAsync(audit));
        var actions = await client.ActionsOfAsync((string)plan["uuid"]!);
        var sources = actions.Where(a => (string?)a["action_type"] == "migrate")
            .Select(a => (string)a["input_parameters"]!["source_node"]!).Distinct().ToList();
        Assert.NotEmpty(sources);
        Assert.Equal(hostChoice == "auto", actions.Any(a => (string?)a["action_type"] == "change_nova_service_state"));

        await RunPlanAsync(client, (string)plan["uuid"]!, "SUCCEEDED");
        var servers = await Cloud(factory).ListServersAsync();
        Assert.DoesNotContain(servers, s => sources.Contains(s.Host!));
        // auto: the nodes it disabled for the moves are enabled again afterwards
        Assert.All(await Cloud(factory).ListComputeServicesAsync(), s => Assert.Equal("enabled", s.Status));
    }

    [Fact]
    public async Task HardwareMaintenance_ZoneMigration_MovesEveryInstanceOfTheSource()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        var plan = await AuditToPlanAsync(client, """
            {"audit_type": "ONESHOT", "goal": "hardware_maintenance", "strategy": "zone_migration",
             "parameters": {"compute_nodes": [{"src_node": "node-3", "dst_node": "node-1"}]}}
            """);
        var planJson = await client.GetAsync($"/v1/action_plans/{plan}").ExpectJson();
        Assert.Equal("zone_migration", (string?)planJson["strategy_name"]);
        Assert.Equal(100, (double)planJson["global_efficacy"]!.AsArray().Single(e => (string?)e!["name"] == "live_instance_migrate_ratio")!["value"]!);

        await RunPlanAsync(client, plan, "SUCCEEDED");
        var servers = await Cloud(factory).ListServersAsync();
        Assert.DoesNotContain(servers, s => s.Host == "node-3");
        Assert.Equal(4, servers.Count(s => s.Host == "node-1"));
    }

    [Fact]
    public async Task SavingEnergy_WithoutABareMetalService_FailsTheAuditSayingWhy()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "saving_energy"}""");
        var failed = await client.PollStateAsync($"/v1/audits/{audit}", "FAILED");

        Assert.Equal("saving_energy needs a bare-metal service (Ironic or MAAS) to read and change the power state of "
            + "compute hosts, and none is configured", (string?)failed["status_message"]);
        Assert.Empty(await client.PlansOfAsync(audit));
    }

    private static IComputeCloud Cloud(WatcherAppFactory factory) => factory.Services.GetRequiredService<IComputeCloud>();

    private static async Task<string> AuditToPlanAsync(HttpClient client, string auditJson)
    {
        var audit = await client.CreateAuditAsync(auditJson);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = Assert.Single(await client.PlansOfAsync(audit));
        Assert.Equal("RECOMMENDED", (string?)plan["state"]);
        return (string)plan["uuid"]!;
    }

    private static async Task RunPlanAsync(HttpClient client, string plan, string finalState)
    {
        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", finalState);
    }
}
