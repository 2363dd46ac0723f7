using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Support;
using static Watcher.Tests.Cloud.Simulator.SimulatorFixture;

namespace Watcher.Tests.Cloud.Simulator;

public class ServicesAndMetricsTests
{
    [Fact]
    public async Task SetComputeServiceStatus_DisablesWithReason_AndEnablingClearsTheReason()
    {
        var sim = new SimulatorFixture();

        var disabled = await sim.Cloud.SetComputeServiceStatusAsync("host-a", enabled: false, "watcher_maintaining");
        var listed = (await sim.Cloud.ListHypervisorsAsync()).Single(h => h.Hostname == "host-a");
        var enabled = await sim.Cloud.SetComputeServiceStatusAsync("host-c", enabled: true, null);

        Assert.Equal(new ComputeService("host-a", "disabled", "up", "watcher_maintaining"), disabled);
        Assert.Equal(("disabled", "watcher_maintaining"), (listed.ServiceStatus, listed.DisabledReason));
        Assert.Equal(new ComputeService("host-c", "enabled", "up", null), enabled);
        Assert.Contains(new ComputeService("host-d", "enabled", "down", null), await sim.Cloud.ListComputeServicesAsync());
    }

    [Fact]
    public async Task SetComputeServiceStatus_OfAnUnknownHost_Throws()
    {
        var sim = new SimulatorFixture();

        var error = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.SetComputeServiceStatusAsync("nowhere", false, null));

        Assert.Equal("Compute host nowhere could not be found.", error.Message);
    }

    [Fact]
    public async Task DisablingAHost_KeepsTheSchedulerAwayFromIt()
    {
        var sim = new SimulatorFixture();
        await sim.Cloud.SetComputeServiceStatusAsync("host-c", enabled: true, null);
        await sim.Cloud.SetComputeServiceStatusAsync("host-b", enabled: false, "watcher_disabled");

        await sim.Cloud.LiveMigrateAsync(Vm1, null);
        sim.Time.Advance(2);

        Assert.Equal("host-c", (await sim.Cloud.GetServerAsync(Vm1))!.Host);
    }

    [Fact]
    public async Task HostMetrics_FollowTheServersWhenOneMoves()
    {
        var sim = new SimulatorFixture();
        // host-a: vm-1 (2 vCPU at 50 %, 2048 MB) + vm-2 (1 vCPU at 0 %, 512 MB) over 8 vCPUs.
        Assert.Equal(12.5, sim.Cloud.HostMetric("host-a", "host_cpu_usage"));
        Assert.Equal((2048 + 512) * 1024.0, sim.Cloud.HostMetric("host-a", "host_ram_usage"));
        Assert.Equal(7.5, sim.Cloud.HostMetric("host-b", "host_cpu_usage"));

        await sim.Cloud.LiveMigrateAsync(Vm1, "host-b");
        Assert.Equal(12.5, sim.Cloud.HostMetric("host-a", "host_cpu_usage"));   // not moved yet
        sim.Time.Advance(2);

        Assert.Equal(0.0, sim.Cloud.HostMetric("host-a", "host_cpu_usage"));
        Assert.Equal(512 * 1024.0, sim.Cloud.HostMetric("5a000000-0000-4000-8000-00000000000a", "host_ram_usage"));
        Assert.Equal(20.0, sim.Cloud.HostMetric("host-b", "host_cpu_usage"));
        Assert.Equal((256 + 1024 + 2048) * 1024.0, sim.Cloud.HostMetric("host-b", "host_ram_usage"));
    }

    [Fact]
    public void Metrics_ScenarioFiguresStand_TheRestIsDerivedFromLoad_AndFlavorAnswersAllocatedRamAndDisk()
    {
        var sim = new SimulatorFixture();

        Assert.Equal(31.5, sim.Cloud.HostMetric("host-a", "host_outlet_temp"));   // as the scenario gives it
        // host-b has no thermal figures: 7.5 % CPU → inlet 22 + idle rise 8 + 12 × 0.075.
        Assert.Equal(30.9, sim.Cloud.HostMetric("host-b", "host_outlet_temp")!.Value, 9);
        Assert.Equal(22.0, sim.Cloud.HostMetric("host-b", "host_inlet_temp"));
        Assert.Equal(135.0, sim.Cloud.HostMetric("host-b", "host_power")!.Value, 9);
        Assert.Null(sim.Cloud.HostMetric("unknown", "host_cpu_usage"));
        Assert.Equal(50.0, sim.Cloud.ServerMetric(Vm1, "instance_cpu_usage"));
        Assert.Equal(4096.0, sim.Cloud.ServerMetric(Vm1, "instance_ram_allocated"));
        Assert.Equal(20.0, sim.Cloud.ServerMetric(Vm1, "instance_root_disk_size"));
        // No cache figure in the scenario: 1 MiB plus 64 KiB per CPU percent.
        Assert.Equal(1024 * 1024 + 50 * 64 * 1024.0, sim.Cloud.ServerMetric(Vm1, "instance_l3_cache_usage"));
    }

    [Fact]
    public void HostCpuUsage_FallsBackToTheScenarioValue_WhenNoServerHasACpuMetric()
    {
        var sim = new SimulatorFixture();
        foreach (var id in new[] { Vm1, Vm2, Vm3, Vm4 }) sim.Cloud.SetServerMetric(id, "instance_cpu_usage", null);

        Assert.Equal(99.0, sim.Cloud.HostMetric("host-a", "host_cpu_usage"));
        Assert.Null(sim.Cloud.HostMetric("host-b", "host_cpu_usage"));
    }

    [Fact]
    public async Task Loading_HandConsolidation_GivesItsHostsServersAndMetrics()
    {
        var scenario = Scenario.Load(TestPaths.SharedScenario("hand_consolidation.json"));
        var cloud = new SimulatedCloud(scenario, new SimulatorOptions(), new ManualTimeProvider());

        var hypervisors = await cloud.ListHypervisorsAsync();
        var servers = await cloud.ListServersAsync();

        Assert.Equal(["node-0", "node-1", "node-2", "node-3"], hypervisors.Select(h => h.Hostname));
        Assert.Equal(("disabled", "watcher_disabled"), (hypervisors[3].ServiceStatus, hypervisors[3].DisabledReason));
        Assert.Equal((16, 32768, 200, "az1"), (hypervisors[0].Vcpus, hypervisors[0].MemoryMb, hypervisors[0].DiskGb, hypervisors[0].AvailabilityZone));
        Assert.Equal(6, servers.Count);
        var vmF = servers.Single(s => s.Name == "vm-f");
        Assert.Equal(("SHUTOFF", "stopped", "node-2", 1, 2048, 10), (vmF.Status, vmF.VmState, vmF.Host, vmF.Vcpus, vmF.MemoryMb, vmF.DiskGb));
        // Derived host metrics agree with the scenario's own host numbers.
        Assert.Equal(11.25, cloud.HostMetric("node-0", "host_cpu_usage"));
        Assert.Equal(9216000.0, cloud.HostMetric("node-0", "host_ram_usage"));
        Assert.Equal(10.312, cloud.HostMetric("node-2", "host_cpu_usage")!.Value, 3);
    }

    [Fact]
    public async Task DemoCluster_HasFourEnabledHostsAndSevenActiveServersThatFitOnOne()
    {
        var cloud = new SimulatedCloud(DemoCluster.Build(), new SimulatorOptions(), new ManualTimeProvider());

        var hypervisors = await cloud.ListHypervisorsAsync();
        var servers = await cloud.ListServersAsync();

        Assert.Equal(4, hypervisors.Count);
        Assert.All(hypervisors, h => Assert.Equal(("enabled", "up", 16, 32768, 500), (h.ServiceStatus, h.ServiceState, h.Vcpus, h.MemoryMb, h.DiskGb)));
        Assert.Equal(7, servers.Count);
        Assert.All(servers, s => Assert.Equal("ACTIVE", s.Status));
        Assert.All(hypervisors, h => Assert.Contains(servers, s => s.Host == h.Hostname));
        Assert.True(servers.Sum(s => s.Vcpus) <= 16 && servers.Sum(s => s.MemoryMb) <= 32768);
        // compute-1 is the busy one; the others idle along.
        Assert.Equal(28.75, cloud.HostMetric("compute-1", "host_cpu_usage")!.Value, 9);
        Assert.All(hypervisors.Where(h => h.Hostname != "compute-1"),
            h => Assert.InRange(cloud.HostMetric(h.Hostname, "host_cpu_usage", 60)!.Value, 0.1, 15.0));
    }
}
