using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Modules.ClusterModel;

public static class ClusterModelModule
{
    public static IServiceCollection AddClusterModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ComputeCollectorOptions>().BindConfiguration(ComputeCollectorOptions.Section);
        services.AddTransient<ComputeModelCollector>();
        services.AddSingleton<ComputeModelStore>();
        services.AddScheduledJobs(q => q.AddPeriodicJob<ComputeModelSyncJob>(ComputeModelSyncJob.Key,
            sp => sp.GetRequiredService<IOptions<ComputeCollectorOptions>>().Value.Period));
        return services;
    }
}
