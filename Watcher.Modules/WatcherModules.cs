using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Api;
using Watcher.Modules.Applier;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.Datasources;
using Watcher.Modules.Decision;
using Watcher.Modules.Persistence;
using Watcher.Modules.Planner;
using Watcher.Modules.Shared.Mediator;
using Watcher.Modules.Shared.Notifications;

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
        services.AddCloud(configuration);
        services.AddClusterModel(configuration);
        services.AddDatasources(configuration);
        services.AddDecision(configuration);
        services.AddPlanner(configuration);
        services.AddApplier(configuration);
        services.AddApi(configuration);
        return services;
    }

    public static WebApplication UseWatcher(this WebApplication app)
    {
        app.Services.MigrateDatabase();
        app.Services.StartDecisionEngineAsync().GetAwaiter().GetResult();
        app.UseApi();
        return app;
    }
}
