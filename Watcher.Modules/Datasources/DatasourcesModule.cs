using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Datasources;

public static class DatasourcesModule
{
    public static IServiceCollection AddDatasources(this IServiceCollection services, IConfiguration configuration)
    {
        // One line per datasource; the catalog indexes them by name in this order.
        services.AddSingleton<IMetricsDatasource, SimulatorDatasource>();

        services.AddSingleton<PluginCatalog<IMetricsDatasource>>();
        services.AddOptions<DatasourcesOptions>().BindConfiguration(DatasourcesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatasourcesOptions>, DatasourcesOptionsValidator>();
        services.AddSingleton<DatasourceSelector>();
        return services;
    }
}
