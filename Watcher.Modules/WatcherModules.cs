using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Api;
using Watcher.Modules.Applier;
using Watcher.Modules.Cloud;
using Watcher.Modules.Dashboard;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.Datasources;
using Watcher.Modules.Decision;
using Watcher.Modules.Operations;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Faults;
using Watcher.Modules.Persistence.Providers;
using Watcher.Modules.Planner;
using Watcher.Modules.Shared.Mediator;
using Watcher.Modules.Shared.Notifications;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules;

/// <summary>The composition root's two calls: register every module, then wire the HTTP surface.</summary>
public static class WatcherModules
{
    public static IServiceCollection AddWatcher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddWatcherMediator(typeof(WatcherModules).Assembly);
        services.AddPersistence(configuration);
        services.AddNotifications();
        services.AddStorageFaultHandling();
        services.AddCloud(configuration);
        services.AddClusterModel(configuration);
        services.AddDatasources(configuration);
        services.AddDecision(configuration);
        services.AddPlanner(configuration);
        services.AddApplier(configuration);
        services.AddApi(configuration);
        services.AddOperations(configuration);
        services.AddDashboard();
        return services;
    }

    /// <summary>
    /// Start-up, in order: the schema (above); this process's row (before any job may claim work in its name); each
    /// module's reconciliation of the job queues with the database; work of dead processes recovered. The job
    /// servers start with the host afterwards.
    /// </summary>
    public static WebApplication UseWatcher(this WebApplication app)
    {
        // Start-up work that needs the database; a storage fault defers it instead of aborting (Persistence/Faults).
        // Processes sharing a PostgreSQL database do it one at a time (Persistence/Providers/StartupLock).
        app.Services.StartWhenStorageAllows(services => StartupLock.RunAsync(
            services.GetRequiredService<DatabaseSettings>(),
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(StartupLock).FullName!),
            async () =>
            {
                services.MigrateDatabase();
                await StartAsync(services);
            }));
        app.UseOperations();   // outermost: request metrics see the status the error handling writes
        app.UseJobDashboard();
        app.UseDashboard();   // before the API: a browser opening / is sent to /ui/
        app.UseApi();
        app.MapOperations();
        app.MapDashboard();
        return app;
    }

    private static async Task StartAsync(IServiceProvider services)
    {
        // An API-only process (Watcher:Jobs:ProcessJobs=false) runs no job and claims nothing: it writes no process
        // row and no service rows, which would only turn FAILED in GET /v1/services since nothing keeps them beating.
        if (services.GetRequiredService<IOptions<JobsOptions>>().Value.ProcessJobs)
            await services.GetRequiredService<ProcessRegistry>().BeatAsync(CancellationToken.None);
        await services.StartDecisionEngineAsync();
        await services.StartApplierAsync();
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Publish(new RecoverOrphanedWork());
    }
}
