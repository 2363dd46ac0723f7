using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Support;

namespace Watcher.Tests.ClusterModel;

/// <summary>The storage_nodes, pools, volume_types, volumes and ironic_nodes sections of a scenario.</summary>
public class ScenarioStorageTests
{
    [Fact]
    public void Parse_FillsPoolFiguresFromTheVolumes_AndNodesFromTheTypes()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("sim_storage.json"));
        var storage = scenario.Storage;
        var a = storage.FindPool("st-a@lvm#p0")!;
        Assert.Equal((50.0, 50.0, 50.0, 2), (a.FreeCapacityGb, a.AllocatedCapacityGb, a.ProvisionedCapacityGb, a.TotalVolumes));
        Assert.Equal(("lvm", "p0", "st-a@lvm"), (a.VolumeBackendName, a.PoolName, a.NodeHost));
        Assert.Equal(["lvm", "lvm-gold"], storage.FindNode("st-a@lvm#p0")!.VolumeTypes);   // '#pool' ignored in lookups
        var thin = storage.FindPool("st-c@thin#p0")!;
        Assert.Equal(200, thin.VirtualFree);   // 100 × 2.0 − 0 provisioned − 0 reserved
        Assert.Null(storage.FindVolume("d0000000-0000-4000-8000-000000000003")!.Host);
        Assert.Equal(2, scenario.Baremetal.Nodes.Count);
        Assert.Equal("c0000000-0000-4000-8000-00000000000a", scenario.Baremetal.FindNode("b0000000-0000-4000-8000-00000000000a")!.ComputeNodeId);
    }

    [Fact]
    public void Parse_RejectsVolumesOnUnknownPoolsOrTypes()
    {
        var pool = Assert.Throws<FormatException>(() => Scenario.Parse("""{"volumes": [{"uuid": "v", "size": 1, "host": "x@y#z"}]}"""));
        Assert.Contains("unknown pool 'x@y#z'", pool.Message);
        var type = Assert.Throws<FormatException>(() => Scenario.Parse("""{"volumes": [{"uuid": "v", "size": 1, "volume_type": "gold"}]}"""));
        Assert.Contains("unknown volume type 'gold'", type.Message);
    }

    [Fact]
    public void Parse_WithoutStorageSections_GivesEmptyModels()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("sim_five_hosts.json"));
        Assert.True(scenario.Storage.IsEmpty);
        Assert.Empty(scenario.Baremetal.Nodes);
    }
}
