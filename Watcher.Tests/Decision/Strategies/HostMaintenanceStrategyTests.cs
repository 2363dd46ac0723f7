using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Shared.Schema;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Expected outcomes from upstream's unit and functional tests (reference §17.3, §17.6 item 4).</summary>
public class HostMaintenanceStrategyTests
{
    private readonly HostMaintenanceStrategy _strategy = new();

    [Fact]
    public void Execute_WithDisabledBackupThatFits_EnablesBackupDisablesNodeThenMigratesToBackup()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_hm_scenario_9.json",
            """{"maintenance_node": "hostname_2", "backup_node": "hostname_3"}""");

        Assert.Equal(
            ["enabled hostname_3", "disabled hostname_2 watcher_maintaining", "migrate live hostname_2->hostname_3 INSTANCE_4"],
            StrategyHarness.Describe(solution));
        Assert.Equal("Node_3", solution.Actions[0].InputParameters["resource_id"]!.GetValue<string>());
        Assert.Empty(solution.Indicators);
    }

    [Fact]
    public void Execute_WithoutBackup_MigrationsLetTheSchedulerChoose()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_hm_functional.json", """{"maintenance_node": "compute-1"}""");

        Assert.Equal(
            ["disabled compute-1 watcher_maintaining", "migrate live compute-1->(scheduler) vm-1", "migrate live compute-1->(scheduler) vm-2"],
            StrategyHarness.Describe(solution));
        Assert.False(solution.Actions[1].InputParameters.ContainsKey("destination_node"));
    }

    [Fact]
    public void Execute_WithBackupThatFits_MigratesEverythingToIt()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_hm_functional.json",
            """{"maintenance_node": "compute-1", "backup_node": "compute-2"}""");

        Assert.Equal(
            ["disabled compute-1 watcher_maintaining", "migrate live compute-1->compute-2 vm-1", "migrate live compute-1->compute-2 vm-2"],
            StrategyHarness.Describe(solution));
    }

    [Fact]
    public void Execute_WithBackupTooSmall_FallsBackToTheScheduler()
    {
        // compute-4 uses 16 vCPUs; compute-2 has 14 free.
        var solution = StrategyHarness.Run(_strategy, "strat_hm_functional.json",
            """{"maintenance_node": "compute-4", "backup_node": "compute-2"}""");

        Assert.Equal(9, solution.Actions.Count);
        Assert.All(solution.Actions.Skip(1), a => Assert.False(a.InputParameters.ContainsKey("destination_node")));
    }

    [Fact]
    public void Execute_EmptyNode_OnlyDisablesIt()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_hm_functional.json", """{"maintenance_node": "compute-3"}""");

        Assert.Equal(["disabled compute-3 watcher_maintaining"], StrategyHarness.Describe(solution));
    }

    [Theory]
    [InlineData(false, false, 9, 5, 3, 0)]
    [InlineData(true, false, 9, 0, 8, 0)]
    [InlineData(false, true, 6, 5, 0, 0)]
    [InlineData(true, true, 6, 0, 0, 5)]
    public void Execute_MixedNode_HonoursTheMigrationFlags(bool noLive, bool noCold, int total, int live, int cold, int stops)
    {
        var solution = StrategyHarness.Run(_strategy, "strat_hm_functional.json",
            $$"""{"maintenance_node": "compute-4", "disable_live_migration": {{(noLive ? "true" : "false")}}, "disable_cold_migration": {{(noCold ? "true" : "false")}}}""");

        var described = StrategyHarness.Describe(solution);
        Assert.Equal(total, solution.Actions.Count);
        Assert.Equal("disabled compute-4 watcher_maintaining", described[0]);
        Assert.Equal(live, described.Count(d => d.StartsWith("migrate live")));
        Assert.Equal(cold, described.Count(d => d.StartsWith("migrate cold")));
        Assert.Equal(stops, described.Count(d => d.StartsWith("stop")));
    }

    [Fact]
    public void Execute_UnknownMaintenanceNode_FailsNamingIt()
    {
        var error = Assert.Throws<StrategyFailedException>(() =>
            StrategyHarness.Run(_strategy, "strat_hm_functional.json", """{"maintenance_node": "compute-9"}"""));

        Assert.Equal("The compute node compute-9 could not be found", error.Message);
    }

    [Fact]
    public void Schema_WithoutMaintenanceNode_IsRejected()
    {
        Assert.Throws<SchemaViolationException>(() => StrategyHarness.Run(_strategy, "strat_hm_functional.json", "{}"));
    }
}
