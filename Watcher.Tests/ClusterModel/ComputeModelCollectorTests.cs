using System.Text.Json.Nodes;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Tests.ClusterModel;

public sealed class ComputeModelCollectorTests
{
    internal static FakeComputeCloud TwoNodeCloud()
    {
        var cloud = new FakeComputeCloud();
        cloud.Hypervisors.Add(new Hypervisor
        {
            Uuid = "node-1", Hostname = "compute-1", Vcpus = 40, VcpuReserved = 4, VcpuAllocationRatio = 16.0,
            MemoryMb = 132000, MemoryMbReserved = 512, MemoryAllocationRatio = 1.5,
            DiskGb = 250, DiskGbReserved = 10, DiskAllocationRatio = 1.0,
            AvailabilityZone = "az1", Aggregates = ["rack-a"],
        });
        cloud.Hypervisors.Add(new Hypervisor
        {
            Uuid = "node-2", Hostname = "compute-2", Vcpus = 8, MemoryMb = 16384, DiskGb = 100,
            ServiceStatus = "disabled", ServiceState = "down", DisabledReason = "maintenance",
            AvailabilityZone = "az2",
        });
        cloud.Servers.Add(new Server
        {
            Id = "vm-1", Name = "web", Host = "compute-1", VmState = "active", Vcpus = 2, MemoryMb = 2048, DiskGb = 20,
            ProjectId = "p1", Locked = true, Metadata = new JsonObject { ["optimize"] = "True" },
        });
        cloud.Servers.Add(new Server { Id = "vm-2", Host = "compute-1", VmState = "stopped", Vcpus = 1, MemoryMb = 512, DiskGb = 1, ProjectId = "p2" });
        cloud.Servers.Add(new Server { Id = "vm-3", Host = "compute-2", VmState = "active", Vcpus = 4, MemoryMb = 4096, DiskGb = 40 });
        cloud.Servers.Add(new Server { Id = "vm-gone", Host = "compute-2", VmState = "deleted", Vcpus = 4 });
        return cloud;
    }

    private static Task<ComputeModel> Collect(FakeComputeCloud cloud) => new ComputeModelCollector(cloud).CollectAsync(default);

    [Fact]
    public async Task Collect_CountsAServerMidMigrationOnBothHosts()
    {
        var cloud = TwoNodeCloud();
        cloud.Servers[0] = cloud.Servers[0] with { TaskState = "migrating", MigrationPeerHost = "compute-2" };

        var model = await Collect(cloud);

        Assert.Equal("node-1", model.NodeOf(model.FindInstance("vm-1")!)!.Uuid);
        Assert.Equal(new NodeResources(2, 2048, 20), model.GetNode("node-2").HeldByMigrations);
        Assert.Equal(new NodeResources(4 + 2, 4096 + 2048, 40 + 20), model.UsedResources(model.GetNode("node-2")));
        Assert.Equal(new NodeResources(0, 0, 0), model.GetNode("node-1").HeldByMigrations);
    }

    [Fact]
    public async Task Collect_TakesCapacityReservedAndRatiosFromTheHypervisor()
    {
        var model = await Collect(TwoNodeCloud());

        var node = model.GetNode("node-1");
        Assert.Equal("compute-1", node.Hostname);
        Assert.Equal((40 - 4) * 16.0, node.VcpuCapacity);
        Assert.Equal((132000 - 512) * 1.5, node.MemoryMbCapacity);
        Assert.Equal(240, node.DiskGbCapacity);
        Assert.Equal("az1", node.AvailabilityZone);
        Assert.Equal(["rack-a"], node.Aggregates);
    }

    [Fact]
    public async Task Collect_TakesServiceStatusStateAndReasonFromTheHypervisor()
    {
        var model = await Collect(TwoNodeCloud());

        var node = model.GetNodeByHostname("compute-2");
        Assert.Equal(NodeStatus.Disabled, node.Status);
        Assert.Equal(NodeState.Down, node.State);
        Assert.Equal("maintenance", node.DisabledReason);
        Assert.True(model.GetNode("node-1").IsEnabled && model.GetNode("node-1").IsUp);
    }

    [Fact]
    public async Task Collect_MapsServersToTheirHostWithFlavorAndState()
    {
        var model = await Collect(TwoNodeCloud());

        var web = model.FindInstance("vm-1")!;
        Assert.Equal("compute-1", model.NodeOf(web)!.Hostname);
        Assert.Equal((2, 2048, 20), (web.Vcpus, web.Memory, web.Disk));
        Assert.Equal(("web", "active", "p1", true), (web.Name, web.State, web.ProjectId, web.Locked));
        Assert.Equal("True", web.Metadata["optimize"]!.GetValue<string>());
        Assert.Equal(InstanceState.Stopped, model.FindInstance("vm-2")!.State);
        Assert.Equal(new NodeResources(3, 2560, 21), model.UsedResources(model.GetNode("node-1")));
    }

    [Fact]
    public async Task Collect_SkipsDeletedServersAndServersOnUnknownHosts()
    {
        var cloud = TwoNodeCloud();
        cloud.Servers.Add(new Server { Id = "vm-elsewhere", Host = "compute-9" });
        cloud.Servers.Add(new Server { Id = "vm-unplaced", Host = null, VmState = "error" });

        var model = await Collect(cloud);

        Assert.Equal(["vm-1", "vm-2", "vm-3"], model.Instances.Select(i => i.Uuid));
    }

    [Fact]
    public async Task Collect_DoesNotShareMetadataWithTheCloud()
    {
        var cloud = TwoNodeCloud();
        var model = await Collect(cloud);

        model.FindInstance("vm-1")!.Metadata["optimize"] = "False";

        Assert.Equal("True", cloud.Servers[0].Metadata["optimize"]!.GetValue<string>());
    }
}
