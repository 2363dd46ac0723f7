using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Tests.Decision.Goals;

public class GoalTests
{
    [Fact]
    public void ServerConsolidation_GlobalEfficacy_IsReleasedNodesRatioInPercent()
    {
        var efficacy = new ServerConsolidationGoal().GlobalEfficacy(new Dictionary<string, double>
        {
            ["compute_nodes_count"] = 4, ["released_compute_nodes_count"] = 3, ["instance_migrations_count"] = 5,
        });

        var ratio = Assert.Single(efficacy);
        Assert.Equal(("released_nodes_ratio", "%", 75.0), (ratio.Name, ratio.Unit, ratio.Value));
    }

    [Fact]
    public void ServerConsolidation_GlobalEfficacy_IsZeroWithoutNodes()
    {
        Assert.Equal(0, Assert.Single(new ServerConsolidationGoal().GlobalEfficacy(new Dictionary<string, double>())).Value);
    }

    [Fact]
    public void HardwareMaintenance_GlobalEfficacy_IsPlannedOverTargetedPerKind_ZeroWhenNothingPlanned()
    {
        var efficacy = new HardwareMaintenanceGoal().GlobalEfficacy(new Dictionary<string, double>
        {
            ["live_migrate_instance_count"] = 5, ["planned_live_migrate_instance_count"] = 2,
            ["cold_migrate_instance_count"] = 1, ["planned_cold_migrate_instance_count"] = 1,
            ["volume_migrate_count"] = 0, ["planned_volume_migrate_count"] = 0,
            ["volume_update_count"] = 0, ["planned_volume_update_count"] = 0,
        });

        Assert.Equal([("live_instance_migrate_ratio", 40.0), ("cold_instance_migrate_ratio", 100.0), ("volume_migrate_ratio", 0.0),
            ("volume_update_ratio", 0.0)], efficacy.Select(e => (e.Name, e.Value)));
        Assert.All(efficacy, e => Assert.Equal("%", e.Unit));
        Assert.Equal(8, new HardwareMaintenanceGoal().EfficacySpecification.Count);
        Assert.Empty(new SavingEnergyGoal().EfficacySpecification);
        Assert.Empty(new UnclassifiedGoal().GlobalEfficacy(new Dictionary<string, double>()));
    }

    /// <summary>Upstream's goals and, per goal, its strategies in registration order (reference §6.1).</summary>
    private static readonly (string Goal, string[] Strategies)[] UpstreamCatalog =
    [
        ("dummy", ["dummy", "dummy_with_scorer", "dummy_with_resize"]),
        ("unclassified", ["actuator"]),
        ("server_consolidation", ["basic", "vm_workload_consolidation", "node_resource_consolidation"]),
        ("thermal_optimization", ["outlet_temperature"]),
        ("workload_balancing", ["workload_stabilization", "workload_balance", "storage_capacity_balance"]),
        ("airflow_optimization", ["uniform_airflow"]),
        ("noisy_neighbor", ["noisy_neighbor"]),
        ("saving_energy", ["saving_energy"]),
        ("hardware_maintenance", ["zone_migration"]),
        ("cluster_maintaining", ["host_maintenance"]),
    ];

    [Fact]
    public void Catalogs_ListGoalsAndStrategiesUnderUpstreamNames_InUpstreamOrder()
    {
        using var services = new ServiceCollection().AddGoals().AddStrategies().BuildServiceProvider();
        var goals = services.GetRequiredService<PluginCatalog<IGoal>>();
        var strategies = services.GetRequiredService<PluginCatalog<IStrategy>>();

        // Upstream's names, each goal's first strategy being upstream's default (order matters, §7.0).
        Assert.Equal(UpstreamCatalog.Select(c => c.Goal).Where(goals.Contains), goals.Names);
        foreach (var (goal, expected) in UpstreamCatalog.Where(c => goals.Contains(c.Goal)))
            Assert.Equal(expected.Where(strategies.Contains), strategies.All.Where(s => s.GoalName == goal).Select(s => s.Name));
        Assert.All(strategies.All, s => Assert.Contains(s.Name, UpstreamCatalog.SelectMany(c => c.Strategies)));
        // Every goal and every strategy is here.
        Assert.Equal(UpstreamCatalog.Select(c => c.Goal), goals.Names);
        Assert.Equal(UpstreamCatalog.SelectMany(c => c.Strategies).Order(), strategies.Names.Order());
        Assert.Equal(["compute_nodes_count", "released_compute_nodes_count", "instance_migrations_count"],
            goals.Get("server_consolidation").EfficacySpecification.Select(i => i.Name));
    }

    [Theory]
    [InlineData("unclassified", "actuator")]
    [InlineData("dummy", "dummy_with_scorer")]
    [InlineData("dummy", "dummy_with_resize")]
    [InlineData("server_consolidation", "node_resource_consolidation")]
    [InlineData("saving_energy", "saving_energy")]
    [InlineData("hardware_maintenance", "zone_migration")]
    public void Catalogs_HoldTheGoalsAndStrategiesOfIssue6(string goal, string strategy)
    {
        using var services = new ServiceCollection().AddGoals().AddStrategies().BuildServiceProvider();
        Assert.Equal(goal, services.GetRequiredService<PluginCatalog<IStrategy>>().Get(strategy).GoalName);
        Assert.True(services.GetRequiredService<PluginCatalog<IGoal>>().Contains(goal));
    }

    [Theory]
    [InlineData("server_consolidation", "basic")]
    [InlineData("workload_balancing", "workload_stabilization")]
    [InlineData("thermal_optimization", "outlet_temperature")]
    [InlineData("airflow_optimization", "uniform_airflow")]
    [InlineData("noisy_neighbor", "noisy_neighbor")]
    [InlineData("dummy", "dummy")]
    [InlineData("unclassified", "actuator")]
    [InlineData("saving_energy", "saving_energy")]
    [InlineData("hardware_maintenance", "zone_migration")]
    [InlineData("cluster_maintaining", "host_maintenance")]
    public void DefaultStrategyOfAGoal_IsUpstreamsFirstRegistered(string goal, string strategy)
    {
        using var services = new ServiceCollection().AddGoals().AddStrategies().BuildServiceProvider();
        var strategies = services.GetRequiredService<PluginCatalog<IStrategy>>();

        Assert.Equal(strategy, strategies.All.First(s => s.GoalName == goal).Name);
    }

    [Fact]
    public void WorkloadBalancing_GlobalEfficacy_IsMigratedShareOfInstances()
    {
        var goal = new WorkloadBalancingGoal();

        var some = Assert.Single(goal.GlobalEfficacy(new Dictionary<string, double>
        {
            ["instance_migrations_count"] = 2, ["instances_count"] = 8,
        }));
        Assert.Equal(("live_migrations_count", "%", 25.0), (some.Name, some.Unit, some.Value));
        Assert.Equal(0, Assert.Single(goal.GlobalEfficacy(new Dictionary<string, double>
        {
            ["instance_migrations_count"] = 0, ["instances_count"] = 8,
        })).Value);
        Assert.Equal([true, false, false, false], goal.EfficacySpecification.Select(s => s.Required));
    }

    [Theory]
    [InlineData("thermal_optimization", "Thermal Optimization")]
    [InlineData("airflow_optimization", "Airflow Optimization")]
    [InlineData("noisy_neighbor", "Noisy Neighbor")]
    public void GoalsWithoutIndicators_HaveNoSpecificationAndNoGlobalEfficacy(string name, string displayName)
    {
        using var services = new ServiceCollection().AddGoals().BuildServiceProvider();
        var goal = services.GetRequiredService<PluginCatalog<IGoal>>().Get(name);

        Assert.Equal(displayName, goal.DisplayName);
        Assert.Empty(goal.EfficacySpecification);
        Assert.Empty(goal.GlobalEfficacy(new Dictionary<string, double>()));
    }
}
