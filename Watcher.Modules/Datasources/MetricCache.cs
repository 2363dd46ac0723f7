using System.Collections.Concurrent;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Datasources;

/// <summary>
/// The metric cache of one audit run (upstream HEAD's per-execution cache): the same query, for the same
/// resource, metric, aggregate, period and granularity, reaches the datasource once per run. "No data" is cached
/// too; failures are not.
/// </summary>
public sealed class MetricCache(IMetricsDatasource inner) : IMetricsDatasource
{
    private readonly ConcurrentDictionary<string, double?> _values = new();

    public IMetricsDatasource Inner => inner;
    public string Name => inner.Name;
    public IReadOnlySet<string> SupportedMetrics => inner.SupportedMetrics;
    public int Count => _values.Count;
    public Task<string?> UnusableReasonAsync(CancellationToken ct = default) => inner.UnusableReasonAsync(ct);

    public double? NodeMetric(ComputeNode node, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        _values.GetOrAdd($"node:{node.Uuid}:{metric}:{aggregate}:{periodSeconds}:{granularitySeconds}",
            _ => inner.NodeMetric(node, metric, periodSeconds, aggregate, granularitySeconds));

    public double? InstanceMetric(Instance instance, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        _values.GetOrAdd($"instance:{instance.Uuid}:{metric}:{aggregate}:{periodSeconds}:{granularitySeconds}",
            _ => inner.InstanceMetric(instance, metric, periodSeconds, aggregate, granularitySeconds));
}
