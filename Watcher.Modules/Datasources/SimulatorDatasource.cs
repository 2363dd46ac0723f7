using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Datasources;

/// <summary>
/// Metrics of the embedded simulated cloud, aggregated over the period the strategy asks for (the simulator
/// samples its load profiles; granularity is its own). Every Watcher metric is supported; those the cluster has
/// no figure for answer null ("no data"), as a real datasource would.
/// </summary>
public sealed class SimulatorDatasource(ISimulatedMetrics metrics) : IMetricsDatasource
{
    public const string PluginName = "simulator";
    public string Name => PluginName;

    public IReadOnlySet<string> SupportedMetrics => MetricNames.All;

    public double? NodeMetric(ComputeNode node, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        metrics.HostMetric(node.Uuid, metric, periodSeconds, aggregate) ?? metrics.HostMetric(node.Hostname, metric, periodSeconds, aggregate);

    public double? InstanceMetric(Instance instance, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        metrics.ServerMetric(instance.Uuid, metric, periodSeconds, aggregate);
}
