using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Tests.Cloud.Simulator;
using Watcher.Tests.Support;

namespace Watcher.Tests.Datasources;

public class SimulatorDatasourceTests
{
    [Fact]
    public async Task SimulatorDatasource_AnswersTheCloudsCurrentMetrics()
    {
        var scenario = Scenario.Load(TestPaths.SharedScenario("hand_consolidation.json"));
        var time = new ManualTimeProvider();
        var cloud = new SimulatedCloud(scenario, new SimulatorOptions(), time);
        var datasource = new SimulatorDatasource(cloud);
        var node1 = scenario.Model.GetNodeByHostname("node-1");
        var vmA = scenario.Model.Instances.Single(i => i.Name == "vm-a");

        Assert.Equal("simulator", datasource.Name);
        Assert.Equal(20.0, datasource.InstanceMetric(vmA, MetricNames.InstanceCpuUsage));
        Assert.Equal(2.5, datasource.NodeMetric(node1, MetricNames.HostCpuUsage));

        await cloud.LiveMigrateAsync(vmA.Uuid, "node-1");
        time.Advance(2);

        // node-1 now also runs vm-a: 4 vCPUs at 20 % on top of vm-c's 4 at 10 %, over 16 vCPUs.
        Assert.Equal(7.5, datasource.NodeMetric(node1, MetricNames.HostCpuUsage));
        Assert.True(datasource.SupportedMetrics.SetEquals(MetricNames.All));
    }
}
