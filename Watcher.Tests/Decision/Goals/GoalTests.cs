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

        Assert.Equal(["dummy", "server_consolidation", "cluster_maintaining"], goals.Names);
        Assert.Equal(["dummy", "vm_workload_consolidation", "host_maintenance"], strategies.Names);
        Assert.All(strategies.All, s => Assert.True(goals.Contains(s.GoalName)));
        Assert.Equal(["compute_nodes_count", "released_compute_nodes_count", "instance_migrations_count"],
            goals.Get("server_consolidation").EfficacySpecification.Select(i => i.Name));
    }
}
