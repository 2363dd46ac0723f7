using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Decision.Strategies.ZoneMigration;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Upstream's test_zone_migration.py instance-side outcomes on scenario_1 (reference §17.3).</summary>
public class ZoneMigrationStrategyTests
{
    private const string Scenario = "strat_zm_scenario_1.json";
    private readonly ZoneMigrationStrategy _strategy = new();

    private static string I(int n) => $"d0{n}0ef1f-dc19-4982-9383-087498bfde03";

    [Fact]
    public void LiveMigratesEveryInstanceOfTheSourceToItsDestination()
    {
        var solution = StrategyHarness.Run(_strategy, Scenario,
            """{"compute_nodes": [{"src_node": "hostname_0", "dst_node": "hostname_1"}]}""");

        Assert.Equal([$"migrate live hostname_0->hostname_1 {I(0)}", $"migrate live hostname_0->hostname_1 {I(1)}"],
            StrategyHarness.Describe(solution));
        Assert.Equal("INSTANCE_0", solution.Actions[0].InputParameters["resource_name"]!.GetValue<string>());
        Assert.Equal(2, solution.Indicators["live_migrate_instance_count"]);
        Assert.Equal(2, solution.Indicators["planned_live_migrate_instance_count"]);
        Assert.Equal(100, Ratio(solution, "live_instance_migrate_ratio"));
    }

    [Fact]
    public void WithoutDestination_TheSchedulerChooses()
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, """{"compute_nodes": [{"src_node": "hostname_0"}]}""");

        Assert.Equal([$"migrate live hostname_0->(scheduler) {I(0)}", $"migrate live hostname_0->(scheduler) {I(1)}"],
            StrategyHarness.Describe(solution));
        Assert.All(solution.Actions, a => Assert.False(a.InputParameters.ContainsKey("destination_node")));
    }

    [Fact]
    public void StoppedInstance_IsColdMigrated()
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, """
            {"compute_nodes": [{"src_node": "hostname_0", "dst_node": "hostname_1"}, {"src_node": "hostname_3", "dst_node": "hostname_4"}]}
            """);

        Assert.Equal(
        [
            $"migrate live hostname_0->hostname_1 {I(0)}",
            $"migrate live hostname_0->hostname_1 {I(1)}",
            $"migrate cold hostname_3->hostname_4 {I(6)}",
        ], StrategyHarness.Describe(solution));
        Assert.Equal(100, Ratio(solution, "cold_instance_migrate_ratio"));
        Assert.Equal(1, solution.Indicators["planned_cold_migrate_instance_count"]);
    }

    [Theory]
    [InlineData(4, 5, 100.0)]
    [InlineData(1, 2, 40.0)]
    public void ParallelPerNode_BoundsTheMovesOfEachSource(int perNode, int expectedMoves, double expectedRatio)
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, $$"""
            {"compute_nodes": [{"src_node": "hostname_0", "dst_node": "hostname_1"}, {"src_node": "hostname_2", "dst_node": "hostname_3"}],
             "parallel_per_node": {{perNode}}}
            """);

        Assert.Equal(expectedMoves, solution.Actions.Count);
        Assert.Equal(5, solution.Indicators["live_migrate_instance_count"]);
        Assert.Equal(expectedRatio, Ratio(solution, "live_instance_migrate_ratio"));
    }

    [Fact]
    public void ParallelTotal_BoundsThePlan()
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, """
            {"compute_nodes": [{"src_node": "hostname_0"}, {"src_node": "hostname_2"}], "parallel_total": 3, "parallel_per_node": 5}
            """);

        Assert.Equal([I(0), I(1), I(3)], solution.Actions.Select(a => a.InputParameters["resource_id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"compute_node": ["hostname_0", "hostname_2"]}""", new[] { 0, 1, 3, 4, 5 })]
    [InlineData("""{"compute_node": ["hostname_2", "hostname_0"]}""", new[] { 3, 4, 5, 0, 1 })]
    [InlineData("""{"project": ["91FFFE30-78A0-4152-ACD2-8310FF274DC9"]}""", new[] { 0, 3, 4, 5, 1 })]
    public void Priority_MovesMatchingInstancesToTheFront(string priority, int[] expected)
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, $$"""
            {"compute_nodes": [{"src_node": "hostname_0", "dst_node": "hostname_1"}, {"src_node": "hostname_2", "dst_node": "hostname_3"}],
             "parallel_total": 10, "parallel_per_node": 5, "priority": {{priority}}}
            """);

        Assert.Equal(expected.Select(I), solution.Actions.Select(a => a.InputParameters["resource_id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("mem_size", new[] { 1, 0, 2 })]
    [InlineData("vcpu_num", new[] { 2, 1, 0 })]
    [InlineData("disk_size", new[] { 0, 2, 1 })]
    [InlineData("created_at", new[] { 2, 1, 0 })]
    public void Priority_ComputeSortsByFlavorOrCreationTime(string key, int[] expected)
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, $$$"""
            {"compute_nodes": [{"src_node": "hostname_0", "dst_node": "hostname_2"}, {"src_node": "hostname_1", "dst_node": "hostname_3"}],
             "priority": {"compute": "{{{key}}}"}}
            """);

        Assert.Equal(expected.Select(I), solution.Actions.Select(a => a.InputParameters["resource_id"]!.GetValue<string>()));
    }

    [Fact]
    public void UnknownSourceNode_TargetsNothing()
    {
        var solution = StrategyHarness.Run(_strategy, Scenario, """{"compute_nodes": [{"src_node": "nowhere"}]}""");

        Assert.Empty(solution.Actions);
        Assert.All(solution.Indicators.Values, v => Assert.Equal(0, v));
        Assert.Equal(8, solution.Indicators.Count);
    }

    private static double Ratio(Solution solution, string name) =>
        new Watcher.Modules.Decision.Goals.HardwareMaintenanceGoal().GlobalEfficacy(solution.Indicators).Single(e => e.Name == name).Value;
}
