using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Passes queries through and records how a strategy asked: metric, period, aggregate, granularity.</summary>
internal sealed class RecordingDatasource(IMetricsDatasource inner) : IMetricsDatasource
{
    public sealed record Call(string Resource, string Metric, int Period, string Aggregate, int Granularity);

    public List<Call> NodeCalls { get; } = [];
    public List<Call> InstanceCalls { get; } = [];
    public string Name => "recording";
    public IReadOnlySet<string> SupportedMetrics => inner.SupportedMetrics;

    public double? NodeMetric(ComputeNode node, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300)
    {
        NodeCalls.Add(new Call(node.Uuid, metric, periodSeconds, aggregate, granularitySeconds));
        return inner.NodeMetric(node, metric, periodSeconds, aggregate, granularitySeconds);
    }

    public double? InstanceMetric(Instance instance, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300)
    {
        InstanceCalls.Add(new Call(instance.Uuid, metric, periodSeconds, aggregate, granularitySeconds));
        return inner.InstanceMetric(instance, metric, periodSeconds, aggregate, granularitySeconds);
    }
}
