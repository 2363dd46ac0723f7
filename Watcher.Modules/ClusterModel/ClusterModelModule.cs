using Hangfire.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.ClusterModel.Contracts;
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

        // Storage (Cinder) and bare-metal (Ironic) models: same life as the compute model's.
        services.AddOptions<CollectorOptions>().BindConfiguration(CollectorOptions.Section);
        services.AddOptions<CollectorPeriodOptions>("storage").BindConfiguration("Watcher:ClusterDataModelCollectors:Storage");
        services.AddOptions<CollectorPeriodOptions>("baremetal").BindConfiguration("Watcher:ClusterDataModelCollectors:Baremetal");
        services.AddTransient<StorageModelCollector>();
        services.AddTransient<BaremetalModelCollector>();
        services.AddSingleton<StorageModelStore>();
        services.AddSingleton<BaremetalModelStore>();
        services.AddSingleton<IBackgroundProcess>(sp => new CollectedModelSyncJob<StorageModel>(
            sp.GetRequiredService<StorageModelStore>(), sp.GetRequiredService<IOptionsMonitor<CollectorPeriodOptions>>(),
            sp.GetRequiredService<IOptions<CollectorOptions>>()));
        services.AddSingleton<IBackgroundProcess>(sp => new CollectedModelSyncJob<BaremetalModel>(
            sp.GetRequiredService<BaremetalModelStore>(), sp.GetRequiredService<IOptionsMonitor<CollectorPeriodOptions>>(),
            sp.GetRequiredService<IOptions<CollectorOptions>>()));

        // Nova's and Cinder's notifications keep the models fresh between syncs when a message bus is configured.
        services.AddMessaging();
        services.AddOptions<NotificationTopicsOptions>().BindConfiguration(NotificationTopicsOptions.Section);
        services.AddSingleton<NovaNotificationHandler>();
        services.AddSingleton<CinderNotificationHandler>();
        services.AddSingleton<CloudNotificationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<CloudNotificationListener>());
        return services;
    }
}
