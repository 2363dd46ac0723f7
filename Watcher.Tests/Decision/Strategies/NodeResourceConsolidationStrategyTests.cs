using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Decision.Strategies.NodeResourceConsolidation;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Upstream's test_node_resource_consolidation.py outcomes on scenario_10 (reference §17.3).</summary>
public class NodeResourceConsolidationStrategyTests
{
    private const string Scenario = "strat_nrc_scenario_10.json";
    private readonly NodeResourceConsolidationStrategy _strategy = new();

    private static string Node(int i) => $"89dce55c-8e74-4402-b23f-32aaf216c97{(i == 0 ? "f" : i.ToString())}";
    private static string Instance(int i) => $"6ae05517-a512-462d-9d83-90c313b5a8f{(i == 0 ? "f" : i.ToString())}";

    /// <summary>A CONTINUOUS audit whose earlier plan failed to migrate INSTANCE_6 (on hostname_3).</summary>
    private static StrategyContext WithFailedInstance6(StrategyContext c) => new(c.Model, c.Parameters, c.Metrics, "CONTINUOUS")
    {
        FailedActions = [new SolutionAction("migrate", new JsonObject { ["resource_id"] = Instance(6) })],
    };

    [Fact]
    public void Auto_Continuous_SkipsTheNodeOfAFailedMigration_DisablesThenMigratesThenReEnables()
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, """{"host_choice": "auto"}""", WithFailedInstance6);

        Assert.Equal(
        [
            "disabled hostname_5 Watcher node resource consolidation strategy",
            "disabled hostname_4 Watcher node resource consolidation strategy",
            $"migrate live hostname_4->(scheduler) {Instance(7)}",
            $"migrate live hostname_7->(scheduler) {Instance(8)}",
            "enabled hostname_5",
            "enabled hostname_4",
        ], StrategyHarness.Describe(solution));
        Assert.Equal(Node(5), solution.Actions[0].InputParameters["resource_id"]!.GetValue<string>());
        Assert.Equal("INSTANCE_7", solution.Actions[2].InputParameters["resource_name"]!.GetValue<string>());
        // sources hostname_4 and hostname_7
        Assert.Equal((8, 2, 2), Indicators(solution));
    }

    [Fact]
    public void Specify_Oneshot_NamesADestinationForEachInstance()
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, """{"host_choice": "specify"}""");

        Assert.Equal(
        [
            $"migrate live hostname_3->hostname_2 {Instance(6)}",
            $"migrate live hostname_4->hostname_0 {Instance(7)}",
            $"migrate live hostname_7->hostname_1 {Instance(8)}",
        ], StrategyHarness.Describe(solution));
        // sources hostname_3, hostname_4 and hostname_7
        Assert.Equal((8, 3, 3), Indicators(solution));
    }

    [Fact]
    public void Auto_Oneshot_IgnoresFailedActions_AndReleasesThreeSources()
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, """{"host_choice": "auto"}""",
            c => new StrategyContext(c.Model, c.Parameters, c.Metrics)
            {
                FailedActions = [new SolutionAction("migrate", new JsonObject { ["resource_id"] = Instance(6) })],
            });

        // free hostname_5 (hostname_6 is disabled already) and sources hostname_3, hostname_4, hostname_7 (disabled)
        Assert.Equal(
        [
            "disabled hostname_5 Watcher node resource consolidation strategy",
            "disabled hostname_3 Watcher node resource consolidation strategy",
            "disabled hostname_4 Watcher node resource consolidation strategy",
            $"migrate live hostname_3->(scheduler) {Instance(6)}",
            $"migrate live hostname_4->(scheduler) {Instance(7)}",
            $"migrate live hostname_7->(scheduler) {Instance(8)}",
            "enabled hostname_5",
            "enabled hostname_3",
            "enabled hostname_4",
        ], StrategyHarness.Describe(solution));
        Assert.Equal((8, 3, 3), Indicators(solution));
    }

    [Fact]
    public void AlreadyConsolidated_PlansNothing()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_vwc_scenario_3.json", """{"host_choice": "auto"}""");

        Assert.Empty(solution.Actions);
        Assert.Equal(0, solution.Indicators["released_compute_nodes_count"]);
    }

    [Fact]
    public void PlannerIsItsOwn_AndHostChoiceDefaultsToAuto()
    {
        Assert.Equal("node_resource_consolidation", _strategy.PlannerName);
        Assert.Empty(_strategy.RequiredMetrics);
        Assert.Equal("auto", _strategy.ParametersSchema["properties"]!["host_choice"]!["default"]!.GetValue<string>());
    }

    private static (double Nodes, double Released, double Migrations) Indicators(Solution solution) =>
        (solution.Indicators["compute_nodes_count"], solution.Indicators["released_compute_nodes_count"],
            solution.Indicators["instance_migrations_count"]);
}
