using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.ClusterModel;

public static class ClusterModelModule
{
    public static IServiceCollection AddClusterModel(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
