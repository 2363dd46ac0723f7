using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Tests.Datasources;

public sealed class MetricCacheTests
{
    private sealed class Counting : IMetricsDatasource
    {
        public int Calls;
        public string Name => "counting";
        public IReadOnlySet<string> SupportedMetrics => MetricNames.All;
        public double? NodeMetric(ComputeNode node, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300)
        {
            Calls++;
            return metric == MetricNames.HostPower ? null : 42;
        }
        public double? InstanceMetric(Instance instance, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300)
        {
            Calls++;
            return periodSeconds;
        }
    }

    private static readonly ComputeNode Node = new() { Uuid = "n1", Hostname = "h1" };
    private static readonly Instance Vm = new() { Uuid = "i1" };

    [Fact]
    public void TheSameQuery_ReachesTheDatasourceOnce_NoDataIncluded()
    {
        var inner = new Counting();
        var cache = new MetricCache(inner);

        cache.NodeMetric(Node, MetricNames.HostCpuUsage);
        cache.NodeMetric(Node, MetricNames.HostCpuUsage);
        Assert.Null(cache.NodeMetric(Node, MetricNames.HostPower));
        Assert.Null(cache.NodeMetric(Node, MetricNames.HostPower));

        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public void PeriodAggregateGranularityAndResource_MakeDifferentQueries()
    {
        var inner = new Counting();
        var cache = new MetricCache(inner);

        Assert.Equal(300, cache.InstanceMetric(Vm, MetricNames.InstanceCpuUsage, 300));
        Assert.Equal(600, cache.InstanceMetric(Vm, MetricNames.InstanceCpuUsage, 600));
        cache.InstanceMetric(Vm, MetricNames.InstanceCpuUsage, 300, "max");
        cache.InstanceMetric(Vm, MetricNames.InstanceCpuUsage, 300, "mean", 60);
        cache.InstanceMetric(new Instance { Uuid = "i2" }, MetricNames.InstanceCpuUsage, 300);

        Assert.Equal(5, inner.Calls);
        Assert.Equal(("counting", MetricNames.All), (cache.Name, cache.SupportedMetrics));
    }
}
