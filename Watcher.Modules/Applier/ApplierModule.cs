using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Applier.Workflow;
using Microsoft.Extensions.Options;
using Watcher.Modules.Shared.Operations;
using Watcher.Modules.Shared.Plugins;
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
        services.AddSingleton(sp => new ApplierHost(sp.GetRequiredService<IOptions<WatcherHostOptions>>().Value.Host));
        services.AddServiceHeartbeat("watcher-applier");

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
        services.AddSingleton<ActionPlanQueue>();
        services.AddSingleton<IJobQueueLengths>(sp => sp.GetRequiredService<ActionPlanQueue>());
        services.AddSingleton<ActionPlanExecutor>();
        services.AddSingleton<ApplierStartup>();
        services.AddHostedService<ActionPlanRunner>();
        return services;
    }

    /// <summary>Start-up work of the applier: action descriptions synced, interrupted plans cancelled, pending ones queued.</summary>
    public static Task StartApplierAsync(this IServiceProvider services) =>
        services.GetRequiredService<ApplierStartup>().RunAsync(CancellationToken.None);
}
