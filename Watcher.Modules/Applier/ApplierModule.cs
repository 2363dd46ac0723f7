using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Applier.Workflow;
using Watcher.Modules.Shared.Plugins;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Applier;

public static class ApplierModule
{
    public static IServiceCollection AddApplier(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApplierOptions>().BindConfiguration(ApplierOptions.Section);
        services.AddOptions<WorkflowEngineOptions>().BindConfiguration(WorkflowEngineOptions.Section);
        services.AddOptions<NovaOptions>().BindConfiguration(NovaOptions.Section);
        services.AddHostIdentity();
        services.AddServiceHeartbeat("watcher-applier");
        services.AddWatcherJobs(configuration);
        services.AddJobQueue(JobQueues.Applier,
            sp => sp.GetRequiredService<IOptions<ApplierOptions>>().Value.Workers,
            sp => TimeSpan.FromSeconds(Math.Max(0, sp.GetRequiredService<IOptions<ApplierOptions>>().Value.ShutdownGracePeriod)));

        // Action types, one line each (resize, change_node_power_state and volume_migrate are not built yet:
        // a plan naming them fails that action with "Unknown action type").
        services.AddSingleton<IAction, MigrateAction>();
        services.AddSingleton<IAction, ChangeNovaServiceStateAction>();
        services.AddSingleton<IAction, NopAction>();
        services.AddSingleton<IAction, SleepAction>();
        services.AddSingleton<IAction, StopAction>();
        services.AddSingleton<PluginCatalog<IAction>>();

        services.AddSingleton<ActionStore>();
        services.AddSingleton<ActionTask>();
        services.AddSingleton<CancellationUnwinder>();
        services.AddSingleton<WorkflowEngine>();
        services.AddSingleton<ActionPlanExecutor>();
        services.AddSingleton<ApplierStartup>();
        return services;
    }

    /// <summary>Start-up work of the applier, before requests are served (action descriptions, PENDING plans launched).</summary>
    public static Task StartApplierAsync(this IServiceProvider services) =>
        services.GetRequiredService<ApplierStartup>().RunAsync(CancellationToken.None);
}
