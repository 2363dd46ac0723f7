using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Decision.Strategies.VmWorkloadConsolidation;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Expected outcomes from upstream's unit tests (reference §17.3), on the same fixtures and fake metrics.</summary>
public class VmWorkloadConsolidationStrategyTests
{
    private readonly VmWorkloadConsolidationStrategy _strategy = new();

    [Fact]
    public void Execute_TwoLightNodes_MovesTheLighterInstanceAndDisablesItsNode()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_vwc_scenario_1.json");

        Assert.Equal(
            ["migrate live hostname_0->hostname_1 INSTANCE_0", "disabled hostname_0 watcher_disabled"],
            StrategyHarness.Describe(solution));
        Assert.Equal("INSTANCE_0", solution.Actions[0].InputParameters["resource_name"]!.GetValue<string>());
        Assert.Equal("Node_0", solution.Actions[1].InputParameters["resource_id"]!.GetValue<string>());
        Assert.Equal(2, solution.Indicators["compute_nodes_count"]);
        Assert.Equal(1, solution.Indicators["released_compute_nodes_count"]);
        Assert.Equal(1, solution.Indicators["instance_migrations_count"]);
    }

    [Fact]
    public void Execute_OverloadedNode_OffloadsThreeInstancesAndReleasesNothing()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_vwc_scenario_2.json");

        Assert.Equal(3, solution.Actions.Count);
        Assert.All(solution.Actions, a =>
        {
            Assert.Equal("migrate", a.ActionType);
            Assert.Equal("hostname_0", a.InputParameters["source_node"]!.GetValue<string>());
            Assert.Equal("live", a.InputParameters["migration_type"]!.GetValue<string>());
        });
        Assert.Equal(0, solution.Indicators["released_compute_nodes_count"]);
    }

    [Fact]
    public void Execute_InstanceMovedThereAndBack_OptimisePhaseDropsTheRoundTrip()
    {
        // Offload moves I6, I7, I8 to hostname_1; consolidation brings I7 back; optimise removes both I7 moves.
        var solution = StrategyHarness.Run(_strategy, "strat_vwc_scenario_3.json");

        Assert.Equal(
            ["migrate live hostname_0->hostname_1 INSTANCE_6", "migrate live hostname_0->hostname_1 INSTANCE_8"],
            StrategyHarness.Describe(solution));
        Assert.Equal(2, solution.Indicators["instance_migrations_count"]);
    }

    [Fact]
    public void Execute_ExcludedInstances_AreNeverMoved()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_vwc_scenario_1.json"));
        foreach (var instance in scenario.Model.Instances) instance.WatcherExclude = true;

        var solution = _strategy.Execute(new StrategyContext(scenario.Model,
            new JsonObject { ["period"] = 3600, ["granularity"] = 300 }, new Watcher.Modules.Datasources.Contracts.ScenarioDatasource(scenario)));

        Assert.Empty(solution.Actions);
        Assert.Equal(0, solution.Indicators["instance_migrations_count"]);
    }

    [Fact]
    public void Execute_StoppedInstance_IsColdMigratedAndDisabledDestinationIsEnabledFirst()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_vwc_scenario_1.json"));
        scenario.Model.FindInstance("INSTANCE_0")!.State = InstanceState.Stopped;
        scenario.Model.GetNodeByHostname("hostname_1").Status = NodeStatus.Disabled;

        var solution = _strategy.Execute(new StrategyContext(scenario.Model,
            new JsonObject { ["period"] = 3600, ["granularity"] = 300 }, new Watcher.Modules.Datasources.Contracts.ScenarioDatasource(scenario)));

        Assert.Equal(
            ["enabled hostname_1", "migrate cold hostname_0->hostname_1 INSTANCE_0", "disabled hostname_0 watcher_disabled"],
            StrategyHarness.Describe(solution));
        Assert.Equal(0, solution.Indicators["released_compute_nodes_count"]);
    }

    [Fact]
    public void Execute_WithoutDatasource_FailsWithUpstreamMessage()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_vwc_scenario_1.json"));

        var error = Assert.Throws<StrategyFailedException>(() =>
            _strategy.Execute(new StrategyContext(scenario.Model, new JsonObject(), null)));

        Assert.Equal("No datasources available", error.Message);
    }
}
