using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Datasources;

public static class DatasourcesModule
{
    public static IServiceCollection AddDatasources(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
