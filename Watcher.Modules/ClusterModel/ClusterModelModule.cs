using Hangfire.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.ClusterModel.Notifications;
using Watcher.Modules.Shared.Messaging;

namespace Watcher.Modules.ClusterModel;

public static class ClusterModelModule
{
    public static IServiceCollection AddClusterModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ComputeCollectorOptions>().BindConfiguration(ComputeCollectorOptions.Section);
        services.AddTransient<ComputeModelCollector>();
        services.AddSingleton<ComputeModelStore>();
        services.AddSingleton<IBackgroundProcess, ComputeModelSyncJob>();

        // Nova's notifications keep the model fresh between syncs when a message bus is configured.
        services.AddMessaging();
        services.AddOptions<NotificationTopicsOptions>().BindConfiguration(NotificationTopicsOptions.Section);
        services.AddSingleton<NovaNotificationHandler>();
        services.AddSingleton<NovaNotificationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<NovaNotificationListener>());
        return services;
    }
}
