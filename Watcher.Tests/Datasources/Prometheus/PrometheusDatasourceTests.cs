using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Datasources.Prometheus;
using Watcher.Modules.Shared.Plugins;
using Watcher.Tests.Cloud.OpenStack;
using Watcher.Tests.Shared;

namespace Watcher.Tests.Datasources.Prometheus;

/// <summary>The Prometheus datasource against a real Prometheus server holding an hour of backfilled series.</summary>
public sealed class PrometheusDatasourceTests(PrometheusServer server) : IClassFixture<PrometheusServer>
{
    private static readonly Instance Vm = new() { Uuid = PrometheusServer.Vm, Vcpus = 4, Memory = 4096, Disk = 40 };

    private PrometheusDatasource Prometheus(int? port = null)
    {
        var provider = OpenStackTestHost.Build(null, new TestClock(server.End.UtcDateTime),
            ("Watcher:Cloud:Backend", "simulator"),
            ("Watcher:Prometheus:Host", "127.0.0.1"), ("Watcher:Prometheus:Port", (port ?? server.Port).ToString()),
            ("Watcher:Prometheus:HttpRetries", "1"));
        return (PrometheusDatasource)provider.GetRequiredService<PluginCatalog<IMetricsDatasource>>().Get("prometheus");
    }

    private static ComputeNode Node(string hostname) => new() { Uuid = hostname, Hostname = hostname, Vcpus = 2 };

    [Fact]
    public void HostCpu_IsOneHundredMinusIdle_FoundByShortName_WithMaxAndMinInverted()
    {
        var prometheus = Prometheus();

        Assert.Equal(50, prometheus.NodeMetric(Node("compute-1"), MetricNames.HostCpuUsage, 300, "mean")!.Value, 3);
        Assert.Equal(75, prometheus.NodeMetric(Node("compute-1"), MetricNames.HostCpuUsage, 300, "max")!.Value, 3);
        Assert.Equal(25, prometheus.NodeMetric(Node("compute-1"), MetricNames.HostCpuUsage, 300, "min")!.Value, 3);
    }

    [Fact]
    public void HostCpu_ByFullFqdn_AndHostRamInKiB()
    {
        var prometheus = Prometheus();

        Assert.Equal(20, prometheus.NodeMetric(Node("compute-2.example.com"), MetricNames.HostCpuUsage)!.Value, 3);
        Assert.Equal(16.0 * 1024 * 1024, prometheus.NodeMetric(Node("compute-1"), MetricNames.HostRamUsage)!.Value, 3);
    }

    [Fact]
    public void InstanceMetrics_FromCeilometerSeries_AndFromTheModel()
    {
        var prometheus = Prometheus();

        Assert.Equal(50, prometheus.InstanceMetric(Vm, MetricNames.InstanceCpuUsage)!.Value, 3);
        Assert.Equal(2048, prometheus.InstanceMetric(Vm, MetricNames.InstanceRamUsage));
        Assert.Equal(4096, prometheus.InstanceMetric(Vm, MetricNames.InstanceRamAllocated));
        Assert.Equal(40, prometheus.InstanceMetric(Vm, MetricNames.InstanceRootDiskSize));
    }

    [Fact]
    public void UnknownHostsAndInstances_AreNoData_AndUnmappedMetricsUnsupported()
    {
        var prometheus = Prometheus();

        Assert.Null(prometheus.NodeMetric(Node("compute-9"), MetricNames.HostCpuUsage));
        Assert.Null(prometheus.InstanceMetric(new Instance { Uuid = "nobody", Vcpus = 1 }, MetricNames.InstanceCpuUsage));
        Assert.DoesNotContain(MetricNames.HostPower, prometheus.SupportedMetrics);
        Assert.Null(prometheus.NodeMetric(Node("compute-1"), MetricNames.HostPower));
    }

    [Fact]
    public async Task Availability_AndTheMetricList()
    {
        var prometheus = Prometheus();

        Assert.True(await prometheus.IsAvailableAsync());
        Assert.Contains("ceilometer_cpu", await prometheus.ListMetricsAsync());
        Assert.False(await Prometheus(FreePort.Get()).IsAvailableAsync());
    }

    [Fact]
    public void AServerThatIsDown_FailsTheQuery_NamingIt()
    {
        var port = FreePort.Get();

        var error = Assert.Throws<DatasourceUnavailableException>(() => Prometheus(port).InstanceMetric(Vm, MetricNames.InstanceRamUsage));

        Assert.Equal($"Datasource prometheus: http://127.0.0.1:{port} is unreachable: connection refused", error.Message);
    }
}
