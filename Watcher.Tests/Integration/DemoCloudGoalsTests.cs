using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// An audit for each balancing, thermal, airflow and noisy-neighbour goal on the embedded demo cloud, through the
/// real API: it succeeds with a plan, the applier runs that plan to SUCCEEDED, and the VMs end where it said.
/// </summary>
public class DemoCloudGoalsTests
{
    private static WatcherAppFactory DemoCloud() =>
        new("lifecycle_consolidation.json", new Dictionary<string, string?> { ["Watcher:Simulator:ScenarioFile"] = "" });

    [Theory]
    [InlineData("thermal_optimization", null, "outlet_temperature")]
    [InlineData("airflow_optimization", null, "uniform_airflow")]
    [InlineData("workload_balancing", "workload_stabilization", "workload_stabilization")]
    [InlineData("workload_balancing", "workload_balance", "workload_balance")]
    [InlineData("noisy_neighbor", null, "noisy_neighbor")]
    [InlineData("server_consolidation", null, "basic")]
    public async Task Audit_OnTheDemoCloud_PlansMigrationsTheApplierCarriesOut(string goal, string? strategy, string expectedStrategy)
    {
        using var factory = DemoCloud();
        var client = factory.Operator();
        var body = new JsonObject { ["audit_type"] = "ONESHOT", ["goal"] = goal };
        if (strategy is not null) body["strategy"] = strategy;
        if (strategy == "workload_stabilization") body["parameters"] = new JsonObject { ["seed"] = 1 };

        var auditUuid = await client.CreateAuditAsync(body.ToJsonString());
        await client.PollStateAsync($"/v1/audits/{auditUuid}", "SUCCEEDED");

        var plan = Assert.Single(await client.PlansOfAsync(auditUuid));
        Assert.Equal(("RECOMMENDED", expectedStrategy), ((string?)plan["state"], (string?)plan["strategy_name"]));
        var planUuid = (string)plan["uuid"]!;
        var migrations = (await client.ActionsOfAsync(planUuid)).Where(a => (string?)a["action_type"] == "migrate").ToList();
        Assert.NotEmpty(migrations);

        await client.StartPlanAsync(planUuid);
        await client.PollStateAsync($"/v1/action_plans/{planUuid}", "SUCCEEDED");
        Assert.All(await client.ActionsOfAsync(planUuid), a => Assert.Equal("SUCCEEDED", (string?)a["state"]));

        var servers = (await factory.Services.GetRequiredService<IComputeCloud>().ListServersAsync()).ToDictionary(s => s.Id);
        foreach (var migration in migrations)
        {
            var input = migration["input_parameters"]!;
            Assert.Equal((string?)input["destination_node"], servers[(string)input["resource_id"]!].Host);
        }
    }

    [Fact]
    public async Task WorkloadBalancing_Plan_HasNoParentsFromItsPlanner_AndItsIndicators()
    {
        using var factory = DemoCloud();
        var client = factory.Operator();

        var auditUuid = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "workload_balancing", "strategy": "workload_stabilization", "parameters": {"seed": 1}}""");
        await client.PollStateAsync($"/v1/audits/{auditUuid}", "SUCCEEDED");

        var plan = Assert.Single(await client.PlansOfAsync(auditUuid));
        var indicators = ((JsonArray)plan["efficacy_indicators"]!).ToDictionary(i => (string)i!["name"]!, i => (double)i!["value"]!);
        Assert.True(indicators["standard_deviation_before_audit"] > indicators["standard_deviation_after_audit"]);
        Assert.Equal(7, indicators["instances_count"]);
        Assert.Equal("live_migrations_count", (string?)plan["global_efficacy"]![0]!["name"]);
        Assert.All(await client.ActionsOfAsync((string)plan["uuid"]!), a => Assert.Null(a["parents"]));
    }
}
