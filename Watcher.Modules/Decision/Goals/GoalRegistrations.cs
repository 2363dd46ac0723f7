using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Decision.Goals;

/// <summary>One line per goal, in upstream's catalogue order (reference §6.1).</summary>
public static class GoalRegistrations
{
    public static IServiceCollection AddGoals(this IServiceCollection services)
    {
        services.AddSingleton<IGoal, DummyGoal>();
        services.AddSingleton<IGoal, UnclassifiedGoal>();
        services.AddSingleton<IGoal, ServerConsolidationGoal>();
        services.AddSingleton<IGoal, ThermalOptimizationGoal>();
        services.AddSingleton<IGoal, WorkloadBalancingGoal>();
        services.AddSingleton<IGoal, AirflowOptimizationGoal>();
        services.AddSingleton<IGoal, NoisyNeighborGoal>();
        services.AddSingleton<IGoal, SavingEnergyGoal>();
        services.AddSingleton<IGoal, HardwareMaintenanceGoal>();
        services.AddSingleton<IGoal, ClusterMaintainingGoal>();
        services.AddSingleton<PluginCatalog<IGoal>>();
        return services;
    }
}
