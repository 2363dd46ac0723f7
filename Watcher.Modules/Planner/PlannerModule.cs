using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        services.AddPlanners();
        services.AddOptions<WeightPlannerOptions>().BindConfiguration(WeightPlannerOptions.Section);
        services.AddOptions<WorkloadStabilizationPlannerOptions>().BindConfiguration(WorkloadStabilizationPlannerOptions.Section);
        services.AddOptions<PlannerOptions>().BindConfiguration(PlannerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlannerOptions>, PlannerOptionsValidator>();
        return services;
    }

    /// <summary>The planner plugins alone, with upstream's default options (the offline `plan` verb uses this).</summary>
    public static IServiceCollection AddPlanners(this IServiceCollection services)
    {
        // One line per planner.
        services.AddSingleton<IPlanner, WeightPlanner>();
        services.AddSingleton<IPlanner, WorkloadStabilizationPlanner>();
        services.AddOptions<WeightPlannerOptions>();
        services.AddOptions<WorkloadStabilizationPlannerOptions>();
        services.AddOptions<PlannerOptions>();
        services.AddSingleton<PluginCatalog<IPlanner>>();
        return services;
    }
}
