using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Planner.Planners;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Planner;

/// <summary>
/// Planners by name. The CreateActionPlan handler is picked up by the mediator's assembly scan.
/// </summary>
public static class PlannerModule
{
    public static IServiceCollection AddPlanner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlannerOptions>().BindConfiguration(PlannerOptions.Section);
        services.AddOptions<WeightPlannerOptions>().BindConfiguration(WeightPlannerOptions.Section);
        services.AddOptions<WorkloadStabilizationPlannerOptions>().BindConfiguration(WorkloadStabilizationPlannerOptions.Section);
        services.AddSingleton<IPlanner, WorkloadStabilizationPlanner>();
        services.AddSingleton<IPlanner, WeightPlanner>();
        services.AddSingleton<IPlanner, NodeResourceConsolidationPlanner>();
        services.AddSingleton<PluginCatalog<IPlanner>>();
        return services;
    }
}
