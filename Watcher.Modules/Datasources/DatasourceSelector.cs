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

    /// <summary>
    /// As <see cref="Select"/>, skipping datasources that cannot be used (upstream: whose client cannot be
    /// constructed) and falling back to the next in order; when none is left, says why each was skipped.
    /// </summary>
    public async Task<IMetricsDatasource?> SelectAsync(IReadOnlyList<string> requiredMetrics, IReadOnlyList<string>? strategyOverride, CancellationToken ct)
    {
        if (requiredMetrics.Count == 0) return null;
        var order = strategyOverride ?? options.Value.Effective;
        var skipped = new List<string>();
        foreach (var name in order.Where(catalog.Contains))
        {
            var candidate = catalog.Get(name);
            if (!requiredMetrics.All(candidate.SupportedMetrics.Contains)) continue;
            if (await candidate.UnusableReasonAsync(ct) is not { } reason) return candidate;
            skipped.Add($"{name}: {reason}");
        }
        if (skipped.Count == 0) return Select(requiredMetrics, strategyOverride);   // throws the reason, as upstream words it
        throw new DatasourceUnavailableException("No datasources available: " + string.Join("; ", skipped));
    }

    public static string UnknownNamesMessage(IEnumerable<string> unknown, PluginCatalog<IMetricsDatasource> catalog) =>
        $"Unknown datasource(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))}. Valid names: {string.Join(", ", catalog.Names)}";
}

/// <summary>
/// Start-up check: every configured datasource name must be registered, the simulator's metrics exist only with
/// the simulated cloud, and Prometheus needs its server.
/// </summary>
public sealed class DatasourcesOptionsValidator(PluginCatalog<IMetricsDatasource> catalog, IOptions<Prometheus.PrometheusOptions> prometheus)
    : IValidateOptions<DatasourcesOptions>
{
    private const string Key = "Watcher:Datasources:Datasources: ";

    public ValidateOptionsResult Validate(string? name, DatasourcesOptions options)
    {
        var unknown = options.Effective.Where(n => !catalog.Contains(n)).ToList();
        if (unknown.Count > 0) return ValidateOptionsResult.Fail(Key + DatasourceSelector.UnknownNamesMessage(unknown, catalog));
        if (options.OpenStackBackend && options.Effective.Contains(SimulatorDatasource.PluginName))
            return ValidateOptionsResult.Fail(Key + "'simulator' reads the embedded simulated cloud and cannot be used with " +
                "Watcher:Cloud:Backend=openstack; use gnocchi or prometheus");
        if (options.Effective.Contains(Prometheus.PrometheusDatasource.PluginName) && string.IsNullOrWhiteSpace(prometheus.Value.Host))
            return ValidateOptionsResult.Fail(Key + "'prometheus' needs Watcher:Prometheus:Host (and Port, default 9090)");
        return ValidateOptionsResult.Success;
    }
}
