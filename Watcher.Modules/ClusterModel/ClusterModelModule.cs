using Hangfire.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.ClusterModel;

public static class ClusterModelModule
{
    public static IServiceCollection AddClusterModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ComputeCollectorOptions>().BindConfiguration(ComputeCollectorOptions.Section);
        services.AddTransient<ComputeModelCollector>();
        services.AddSingleton<ComputeModelStore>();
        services.AddSingleton<IBackgroundProcess, ComputeModelSyncJob>();
        return services;
    }
}
