using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Planner;
using Watcher.Modules.Planner.Contracts;
using Watcher.Modules.Planner.Planners;

namespace Watcher.Tests.Planner;

/// <summary>Reference §8.2 and §17.4: weight order, parents only where one action must wait for another.</summary>
public class WorkloadStabilizationPlannerTests
{
    private static readonly WorkloadStabilizationPlanner Planner = new(Options.Create(new WorkloadStabilizationPlannerOptions()));

    private static JsonObject Migrate(string instance, string source) =>
        new() { ["migration_type"] = "live", ["source_node"] = source, ["destination_node"] = "dst", ["resource_name"] = instance };

    [Fact]
    public void Schedule_MigrationsHaveNoParents_AndParentsStayNull()
    {
        var solution = new Solution();
        solution.AddAction("migrate", "vm-1", Migrate("vm-1", "node-a"));
        solution.AddAction("migrate", "vm-2", Migrate("vm-2", "node-a"));

        var plan = Planner.Schedule(solution);

        Assert.Equal(2, plan.Count);
        Assert.All(plan, a => Assert.Null(a.Parents));
    }

    [Fact]
    public void Schedule_OrdersByWeightHeaviestFirst_KeepingSolutionOrderWithinAType()
    {
        var solution = new Solution();
        solution.AddAction("migrate", "vm-1", Migrate("vm-1", "node-a"));
        solution.AddAction("sleep", null, new JsonObject { ["duration"] = 1.0 });
        solution.AddAction("resize", "vm-1", new JsonObject { ["flavor"] = "x2" });
        solution.AddAction("nop", null, new JsonObject { ["message"] = "first" });
        solution.AddAction("change_nova_service_state", "node-a", new JsonObject { ["state"] = "disabled" });
        solution.AddAction("nop", null, new JsonObject { ["message"] = "second" });

        var plan = Planner.Schedule(solution);

        Assert.Equal(["nop", "nop", "change_nova_service_state", "sleep", "migrate", "resize"], plan.Select(a => a.ActionType));
        Assert.Equal("first", plan[0].InputParameters["message"]!.GetValue<string>());
    }

    [Fact]
    public void Schedule_ResizeWaitsForTheMigrationsOfItsInstance()
    {
        var solution = new Solution();
        solution.AddAction("resize", "vm-1", new JsonObject { ["flavor"] = "x2" });
        solution.AddAction("migrate", "vm-2", Migrate("vm-2", "node-a"));
        solution.AddAction("migrate", "vm-1", Migrate("vm-1", "node-a"));
        solution.AddAction("resize", "vm-3", new JsonObject { ["flavor"] = "x2" });

        var plan = Planner.Schedule(solution);

        var migrateVm1 = plan.Single(a => a.ActionType == "migrate" && a.InputParameters["resource_id"]!.GetValue<string>() == "vm-1");
        var resizeVm1 = plan.Single(a => a.ActionType == "resize" && a.InputParameters["resource_id"]!.GetValue<string>() == "vm-1");
        var resizeVm3 = plan.Single(a => a.ActionType == "resize" && a.InputParameters["resource_id"]!.GetValue<string>() == "vm-3");
        Assert.Equal([migrateVm1.Uuid], resizeVm1.Parents);
        Assert.Null(resizeVm3.Parents);
    }

    [Fact]
    public void Schedule_AcpiS3_WaitsForTheHostsResizesAndTheMigrationsLeavingIt()
    {
        var solution = new Solution();
        solution.AddAction("migrate", "vm-1", Migrate("vm-1", "node-a"));
        solution.AddAction("migrate", "vm-2", Migrate("vm-2", "node-a"));
        solution.AddAction("resize", "vm-1", new JsonObject { ["flavor"] = "x2" });
        solution.AddAction("migrate", "vm-3", Migrate("vm-3", "node-b"));
        solution.AddAction("turn_host_to_acpi_s3_state", "node-a");

        var plan = Planner.Schedule(solution);

        var byInstance = plan.Where(a => a.ActionType == "migrate")
            .ToDictionary(a => a.InputParameters["resource_id"]!.GetValue<string>(), a => a.Uuid);
        var resize = plan.Single(a => a.ActionType == "resize");
        var acpi = plan.Single(a => a.ActionType == "turn_host_to_acpi_s3_state");
        Assert.Equal([resize.Uuid, byInstance["vm-2"]], acpi.Parents);
    }

    [Fact]
    public void Schedule_UnsupportedType_FailsPlanning()
    {
        var weights = new WorkloadStabilizationPlannerOptions();
        weights.Weights["stop"] = 6;
        var planner = new WorkloadStabilizationPlanner(Options.Create(weights));
        var solution = new Solution();
        solution.AddAction("stop", "vm-1");

        var error = Assert.Throws<PlanningFailedException>(() => planner.Schedule(solution));

        Assert.Equal("Provided stop is not supported yet", error.Message);
    }

    [Fact]
    public void Schedule_TypeWithoutWeight_FailsPlanning()
    {
        var solution = new Solution();
        solution.AddAction("change_node_power_state", "node-1");

        Assert.Throws<PlanningFailedException>(() => Planner.Schedule(solution));
    }

    [Fact]
    public void Schedule_VolumeMigrate_HasAWeight_AndNoParents()
    {
        // Upstream's planner rejects it, so storage_capacity_balance's plans fail there (reference §19 item 16, fixed).
        var solution = new Solution();
        solution.AddAction("migrate", "vm-1", new System.Text.Json.Nodes.JsonObject { ["source_node"] = "h1" });
        solution.AddAction("volume_migrate", "vol-1", new System.Text.Json.Nodes.JsonObject { ["migration_type"] = "migrate" });
        var plan = Planner.Schedule(solution);
        Assert.Equal(["volume_migrate", "migrate"], plan.Select(a => a.ActionType));
        Assert.All(plan, a => Assert.Null(a.Parents));
    }

    [Fact]
    public void Schedule_EmptySolution_EmptyPlan()
    {
        Assert.Empty(Planner.Schedule(new Solution()));
    }

    [Theory]
    [InlineData(null, "workload_stabilization", "workload_stabilization")]
    [InlineData("", "weight", "weight")]
    [InlineData("weight", "workload_stabilization", "weight")]
    public void PlannerOption_OnlyOverridesTheStrategysChoice(string? configured, string strategyChoice, string used)
    {
        Assert.Equal(used, new PlannerOptions { Planner = configured ?? "" }.Choose(strategyChoice));
    }
}
