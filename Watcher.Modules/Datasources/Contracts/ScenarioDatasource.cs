using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Datasources.Contracts;

/// <summary>
/// Answers metric queries from a scenario file's values, as the offline <c>plan</c> command and strategy tests
/// need (no server, no cloud). Aggregate and granularity are ignored: a scenario holds one aggregated number.
/// </summary>
public sealed class ScenarioDatasource(Scenario scenario) : IMetricsDatasource
{
    public const string DatasourceName = "scenario";
    public string Name => DatasourceName;
    public IReadOnlySet<string> SupportedMetrics => MetricNames.All;

    public double? NodeMetric(ComputeNode node, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        Lookup(scenario.NodeMetrics, node.Uuid, metric, periodSeconds);

    public double? InstanceMetric(Instance instance, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        Lookup(scenario.InstanceMetrics, instance.Uuid, metric, periodSeconds);

    private static double? Lookup(Dictionary<string, Dictionary<string, ScenarioMetric>> table, string uuid, string metric, int period) =>
        table.TryGetValue(uuid, out var metrics) && metrics.TryGetValue(metric, out var value) ? value.At(period) : null;
}
