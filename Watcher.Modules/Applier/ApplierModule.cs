using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Applier.Conflicts;
using Watcher.Modules.Applier.Workflow;
using Watcher.Modules.Shared.Plugins;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Applier;

public static class ApplierModule
{
    public static IServiceCollection AddApplier(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApplierOptions>().BindConfiguration(ApplierOptions.Section)
            .Validate(o => ApplierOptions.IsValidConflictMode(o.ConflictingPlans),
                "Watcher:Applier:ConflictingPlans must be 'wait' or 'refuse'")
            .ValidateOnStart();
        services.AddOptions<WorkflowEngineOptions>().BindConfiguration(WorkflowEngineOptions.Section);
        services.AddOptions<NovaOptions>().BindConfiguration(NovaOptions.Section);
        services.AddOptions<ActionPollingOptions>().BindConfiguration(ActionPollingOptions.Section);
        services.AddHostIdentity();
        services.AddServiceHeartbeat("watcher-applier");
        services.AddWatcherJobs(configuration);
        services.AddJobQueue(JobQueues.Applier,
            sp => sp.GetRequiredService<IOptions<ApplierOptions>>().Value.Workers,
            sp => TimeSpan.FromSeconds(Math.Max(0, sp.GetRequiredService<IOptions<ApplierOptions>>().Value.ShutdownGracePeriod)));

        // Action types, one line each (reference §9.8).
        services.AddSingleton<IAction, MigrateAction>();
        services.AddSingleton<IAction, ResizeAction>();
        services.AddSingleton<IAction, ChangeNovaServiceStateAction>();
        services.AddSingleton<IAction, ChangeNodePowerStateAction>();
        services.AddSingleton<IAction, VolumeMigrateAction>();
        services.AddSingleton<IAction, NopAction>();
        services.AddSingleton<IAction, SleepAction>();
        services.AddSingleton<IAction, StopAction>();
        services.AddSingleton<PluginCatalog<IAction>>();

        services.AddSingleton<ActionStore>();
        services.AddSingleton<ActionTask>();
        services.AddSingleton<CancellationUnwinder>();
        services.AddSingleton<WorkflowEngine>();
        services.AddSingleton<ActivePlans>();
        services.AddSingleton<PlanConflicts>();
        services.AddSingleton<PlanClaims>();
        services.AddSingleton<ActionPlanExecutor>();
        services.AddSingleton<ApplierStartup>();
        return services;
    }

    /// <summary>Start-up work of the applier, before requests are served (action descriptions, PENDING plans launched).</summary>
    public static Task StartApplierAsync(this IServiceProvider services) =>
        services.GetRequiredService<ApplierStartup>().RunAsync(CancellationToken.None);
}
