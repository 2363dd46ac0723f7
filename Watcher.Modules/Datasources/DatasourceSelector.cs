using Microsoft.Extensions.Options;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Datasources;

/// <summary>Upstream's DataSourceManager.get_backend: first datasource in order that knows every required metric.</summary>
public sealed class DatasourceSelector(PluginCatalog<IMetricsDatasource> catalog, IOptions<DatasourcesOptions> options)
{
    public IMetricsDatasource? Select(IReadOnlyList<string> requiredMetrics, IReadOnlyList<string>? strategyOverride = null)
    {
        if (requiredMetrics.Count == 0) return null;
        var order = strategyOverride ?? options.Value.Effective;
        if (order.Count == 0) throw new DatasourceUnavailableException("No datasources available");

        var unknown = order.Where(n => !catalog.Contains(n)).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException(UnknownNamesMessage(unknown, catalog));

        var candidates = order.Select(catalog.Get).ToList();
        var chosen = candidates.FirstOrDefault(d => requiredMetrics.All(d.SupportedMetrics.Contains));
        if (chosen is not null) return chosen;

        // Upstream names the first metric that the last datasource tried could not serve.
        var missing = requiredMetrics.First(m => !candidates[^1].SupportedMetrics.Contains(m));
        throw new DatasourceUnavailableException($"Metric: {missing} not available");
    }

    public static string UnknownNamesMessage(IEnumerable<string> unknown, PluginCatalog<IMetricsDatasource> catalog) =>
        $"Unknown datasource(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))}. Valid names: {string.Join(", ", catalog.Names)}";
}

/// <summary>Start-up check: every configured datasource name must be registered.</summary>
public sealed class DatasourcesOptionsValidator(PluginCatalog<IMetricsDatasource> catalog) : IValidateOptions<DatasourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, DatasourcesOptions options)
    {
        var unknown = options.Effective.Where(n => !catalog.Contains(n)).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Watcher:Datasources:Datasources: " + DatasourceSelector.UnknownNamesMessage(unknown, catalog));
    }
}
