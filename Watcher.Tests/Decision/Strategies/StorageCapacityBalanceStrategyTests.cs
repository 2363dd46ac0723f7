using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Strategies;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>storage_capacity_balance on upstream's fixture (Scenarios/strat_scb_upstream.json) and on the demo cluster.</summary>
public class StorageCapacityBalanceStrategyTests
{
    private const string Vol1 = "922d4762-0bc5-4b30-9cb9-48ab644dd861";
    private const string Vol2 = "922d4762-0bc5-4b30-9cb9-48ab644dd862";
    private const string Vol3 = "922d4762-0bc5-4b30-9cb9-48ab644dd863";

    private static List<string> Describe(Solution solution) => solution.Actions.Select(a =>
    {
        var p = a.InputParameters;
        var target = p["migration_type"]!.GetValue<string>() == "retype" ? p["destination_type"] : p["destination_node"];
        return $"{p["migration_type"]} {p["resource_id"]} -> {target}";
    }).ToList();

    // Upstream's test_execute gives 1, 2 and 3 actions for 45, 50 and 60 (cumulated on one strategy object;
    // each run here is fresh, and gives the same actions).
    [Fact]
    public void Threshold45_RetypesTheDetachedTypedVolume()
    {
        var solution = StrategyHarness.Run(new StorageCapacityBalanceStrategy(), "strat_scb_upstream.json", """{"volume_threshold": 45}""");
        Assert.Equal([$"retype {Vol1} -> type1"], Describe(solution));
        Assert.All(solution.Actions, a => Assert.Equal("volume_migrate", a.ActionType));
    }

    [Fact]
    public void Threshold50_AlsoRetypesTheBootableOne()
    {
        var solution = StrategyHarness.Run(new StorageCapacityBalanceStrategy(), "strat_scb_upstream.json", """{"volume_threshold": 50}""");
        Assert.Equal([$"retype {Vol1} -> type1", $"retype {Vol3} -> type1"], Describe(solution));
    }

    [Fact]
    public void Threshold60_MigratesTheUntypedVolumeToo_RetypesListedFirst()
    {
        var solution = StrategyHarness.Run(new StorageCapacityBalanceStrategy(), "strat_scb_upstream.json", """{"volume_threshold": 60}""");
        Assert.Equal([$"retype {Vol1} -> type1", $"retype {Vol3} -> type1", $"migrate {Vol2} -> host1@IPSAN-1#pool1"], Describe(solution));
        Assert.Equal("test_volume2", solution.Actions[2].InputParameters["resource_name"]!.GetValue<string>());
    }

    [Fact]
    public void ErrorVolumesAndVolumesWithSnapshots_NeverMove()
    {
        var solution = StrategyHarness.Run(new StorageCapacityBalanceStrategy(), "strat_scb_upstream.json", """{"volume_threshold": 30}""");
        Assert.DoesNotContain(solution.Actions, a => a.InputParameters["resource_name"]!.GetValue<string>() is "test_volume4" or "test_volume5");
    }

    [Fact]
    public void NoPoolOverTheThreshold_NoAction()
    {
        Assert.Empty(StrategyHarness.Run(new StorageCapacityBalanceStrategy(), "strat_scb_upstream.json", """{"volume_threshold": 85}""").Actions);
    }

    [Fact]
    public void ExcludedPools_AreNeitherSourcesNorDestinations()
    {
        // Excluding pool1 leaves no destination (local_vstorage is over the threshold as well).
        var strategy = new StorageCapacityBalanceStrategy(Options.Create(new StorageCapacityBalanceOptions { ExPools = ["pool1"] }));
        Assert.Empty(StrategyHarness.Run(strategy, "strat_scb_upstream.json", """{"volume_threshold": 60}""").Actions);
    }

    [Fact]
    public void DemoCluster_MovesBothBackupsToTheCephPool()
    {
        var solution = StrategyHarness.Run(new StorageCapacityBalanceStrategy(), DemoCluster.Build(), null);
        Assert.Equal(["migrate d15c0000-0000-4000-8000-000000000005 -> storage-1@ceph#pool0",
                      "migrate d15c0000-0000-4000-8000-000000000004 -> storage-1@ceph#pool0"], Describe(solution));
        Assert.Equal(0, solution.Indicators["instance_migrations_count"]);
    }

    [Fact]
    public void WithoutAStorageModel_TheStrategyFailsClearly()
    {
        var e = Assert.Throws<StrategyFailedException>(() => new StorageCapacityBalanceStrategy().Execute(
            new StrategyContext(new ComputeModel(), new System.Text.Json.Nodes.JsonObject { ["volume_threshold"] = 80.0 }, null)));
        Assert.Equal("The storage model is not available", e.Message);
    }
}
