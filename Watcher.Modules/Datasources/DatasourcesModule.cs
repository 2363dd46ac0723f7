using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.OpenStack.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Datasources.Gnocchi;
using Watcher.Modules.Datasources.Prometheus;
using Watcher.Modules.Shared.Http;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Datasources;

public static class DatasourcesModule
{
    public static IServiceCollection AddDatasources(this IServiceCollection services, IConfiguration configuration)
    {
        // One line per datasource; the catalog indexes them by name in this order.
        services.AddSingleton<IMetricsDatasource, SimulatorDatasource>();
        services.AddSingleton<IMetricsDatasource, GnocchiDatasource>();
        services.AddSingleton<IMetricsDatasource, PrometheusDatasource>();

        services.AddOpenStackApi<GnocchiOptions>(GnocchiDatasource.PluginName, "Gnocchi", GnocchiOptions.Section, "metric");
        services.AddOptions<PrometheusOptions>().BindConfiguration(PrometheusOptions.Section);
        services.AddResilientHttpClient(PrometheusDatasource.HttpClientName, sp =>
        {
            var o = sp.GetRequiredService<IOptions<PrometheusOptions>>().Value;
            return new RetryPolicy(TimeSpan.FromSeconds(o.Timeout), o.HttpRetries, TimeSpan.FromSeconds(o.HttpRetryInterval));
        }, sp =>
        {
            var o = sp.GetRequiredService<IOptions<PrometheusOptions>>().Value;
            return new TlsSettings(CaFile: o.CaFile, CertFile: o.CertFile, KeyFile: o.KeyFile);
        });

        services.AddSingleton<PluginCatalog<IMetricsDatasource>>();
        services.AddSingleton<MetricMaps>();
        services.AddOptions<MetricMapOptions>().BindConfiguration(DatasourcesOptions.Section);
        services.AddOptions<DatasourcesOptions>().BindConfiguration(DatasourcesOptions.Section)
            .Configure<IOptions<CloudOptions>>((o, cloud) => o.OpenStackBackend = cloud.Value.IsOpenStack)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatasourcesOptions>, DatasourcesOptionsValidator>();
        services.AddSingleton<DatasourceSelector>();
        return services;
    }
}
