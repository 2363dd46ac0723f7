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
    public void Catalogs_ListGoalsAndStrategiesUnderUpstreamNames()
    {
        using var services = new ServiceCollection().AddGoals().AddStrategies().BuildServiceProvider();
        var goals = services.GetRequiredService<PluginCatalog<IGoal>>();
        var strategies = services.GetRequiredService<PluginCatalog<IStrategy>>();

        Assert.Subset(goals.Names.ToHashSet(), new HashSet<string>
        {
            "dummy", "server_consolidation", "thermal_optimization", "workload_balancing", "airflow_optimization",
            "noisy_neighbor", "cluster_maintaining",
        });
        Assert.Subset(strategies.Names.ToHashSet(), new HashSet<string>
        {
            "dummy", "basic", "vm_workload_consolidation", "outlet_temperature", "workload_stabilization",
            "workload_balance", "uniform_airflow", "noisy_neighbor", "host_maintenance",
        });
        Assert.All(strategies.All, s => Assert.True(goals.Contains(s.GoalName)));
        Assert.Equal(["compute_nodes_count", "released_compute_nodes_count", "instance_migrations_count"],
            goals.Get("server_consolidation").EfficacySpecification.Select(i => i.Name));
    }

    [Theory]
    [InlineData("server_consolidation", "basic")]
    [InlineData("workload_balancing", "workload_stabilization")]
    [InlineData("thermal_optimization", "outlet_temperature")]
    [InlineData("airflow_optimization", "uniform_airflow")]
    [InlineData("noisy_neighbor", "noisy_neighbor")]
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
