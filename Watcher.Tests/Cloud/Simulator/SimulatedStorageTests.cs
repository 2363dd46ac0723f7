using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.Cloud.Simulator.Storage;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Support;

namespace Watcher.Tests.Cloud.Simulator;

/// <summary>The embedded Cinder and Ironic on Scenarios/sim_storage.json with a manual clock.</summary>
public class SimulatedStorageTests
{
    private const string Vol1 = "d0000000-0000-4000-8000-000000000001";   // 20 GB, untyped, detached, st-a
    private const string Vol2 = "d0000000-0000-4000-8000-000000000002";   // 30 GB, type lvm, attached to vm-1, st-a
    private const string Vol3 = "d0000000-0000-4000-8000-000000000003";   // 10 GB, type lvm2, unplaced in the file
    private const string PoolA = "st-a@lvm#p0", PoolB = "st-b@lvm2#p0", PoolC = "st-c@thin#p0";

    private readonly ManualTimeProvider _time = new();
    private readonly StorageSimulatorOptions _options = new();
    private readonly Scenario _scenario = Scenario.Load(TestPaths.TestScenario("sim_storage.json"));

    private SimulatedBlockStorage Storage() => new(_scenario, _options, _time);

    private static async Task<StoragePool> PoolAsync(SimulatedBlockStorage storage, string name) =>
        (await storage.ListPoolsAsync()).Single(p => p.Name == name);

    [Fact]
    public async Task Seed_ReportsPoolsAsCinderWould_AndPlacesUnplacedVolumesThroughTheScheduler()
    {
        var storage = Storage();
        var a = await PoolAsync(storage, PoolA);
        Assert.Equal((100.0, 50.0, 50.0, 2), (a.TotalCapacityGb, a.FreeCapacityGb, a.AllocatedCapacityGb, a.TotalVolumes));
        Assert.Equal(10, a.ReservedPercentage);
        // The file said 150 GB free with no volume on it; placing vol-3 (type lvm2: only this backend) takes 10 more.
        var b = await PoolAsync(storage, PoolB);
        Assert.Equal((140.0, 10.0), (b.FreeCapacityGb, b.AllocatedCapacityGb));
        Assert.Equal(PoolB, (await storage.GetVolumeAsync(Vol3))!.Host);
        var c = await PoolAsync(storage, PoolC);
        Assert.True(c.ThinProvisioningSupport);
        Assert.Equal(2.0, c.MaxOverSubscriptionRatio);
        Assert.Equal(["st-a@lvm", "st-b@lvm2", "st-c@thin"], (await storage.ListStorageServicesAsync()).Select(s => s.Host));
        var vol2 = (await storage.GetVolumeAsync(Vol2))!;
        Assert.Equal(("in-use", "lvm", true), (vol2.Status, vol2.VolumeType, vol2.Bootable));
        Assert.Equal("5e000000-0000-4000-8000-000000000001", Assert.Single(vol2.Attachments).ServerId);
    }

    [Fact]
    public async Task Migrate_TakesSimulatedTime_ThenTheVolumeAndItsSpaceAreOnTheDestination()
    {
        var storage = Storage();
        await storage.MigrateVolumeAsync(Vol1, PoolC);

        var moving = (await storage.GetVolumeAsync(Vol1))!;
        Assert.Equal(("maintenance", "migrating", PoolA), (moving.Status, moving.MigrationStatus, moving.Host));
        Assert.Equal(20, (await PoolAsync(storage, PoolC)).AllocatedCapacityGb);   // the copy is claimed up front

        _time.Advance(_options.VolumeMigrationSeconds);
        var moved = (await storage.GetVolumeAsync(Vol1))!;
        Assert.Equal(("available", "success", PoolC), (moved.Status, moved.MigrationStatus, moved.Host));
        Assert.Equal(70, (await PoolAsync(storage, PoolA)).FreeCapacityGb);
        Assert.Equal(80, (await PoolAsync(storage, PoolC)).FreeCapacityGb);
    }

    [Fact]
    public async Task Migrate_ToAPoolTheFiltersReject_IsNoValidBackend()
    {
        var storage = Storage();
        // vol-2's type names the lvm backend: st-b (lvm2) fails the CapabilitiesFilter.
        var e = await Assert.ThrowsAsync<NoValidBackendException>(() => storage.MigrateVolumeAsync(Vol2, PoolB));
        Assert.Contains("CapabilitiesFilter", e.Message);
        Assert.Null((await storage.GetVolumeAsync(Vol2))!.MigrationStatus);
    }

    [Fact]
    public async Task Migrate_ToItsOwnOrAnUnknownPool_IsRefused()
    {
        var storage = Storage();
        var same = await Assert.ThrowsAsync<CloudException>(() => storage.MigrateVolumeAsync(Vol1, PoolA));
        Assert.Contains("must be different than the current host", same.Message);
        var unknown = await Assert.ThrowsAsync<CloudException>(() => storage.MigrateVolumeAsync(Vol1, "nowhere@x#y"));
        Assert.Contains("No available service named nowhere@x#y", unknown.Message);
        var missing = await Assert.ThrowsAsync<CloudException>(() => storage.MigrateVolumeAsync("d0000000-0000-4000-8000-0000000000ff", PoolC));
        Assert.Equal(404, missing.StatusCode);
    }

    [Fact]
    public async Task Migrate_WithoutDestination_TheSchedulerPicksThePoolWithMostVirtualFreeSpace()
    {
        var storage = Storage();
        // st-b: 140 GB free (thick); st-c: thin, 100 × 2.0 − 0 provisioned = 200 virtual free.
        await storage.MigrateVolumeAsync(Vol1, null);
        _time.Advance(_options.VolumeMigrationSeconds);
        Assert.Equal(PoolC, (await storage.GetVolumeAsync(Vol1))!.Host);
    }

    [Fact]
    public async Task Migrate_FailingOnPurpose_LeavesTheVolumeWhereItWas()
    {
        _options.FailVolumeOperationsOf.Add("vol-1");
        var storage = Storage();
        await storage.MigrateVolumeAsync(Vol1, PoolC);
        _time.Advance(_options.VolumeMigrationSeconds);
        var volume = (await storage.GetVolumeAsync(Vol1))!;
        Assert.Equal(("available", "error", PoolA), (volume.Status, volume.MigrationStatus, volume.Host));
        Assert.Equal(0, (await PoolAsync(storage, PoolC)).AllocatedCapacityGb);
    }

    [Fact]
    public async Task Retype_ServedByTheSameBackend_HappensInPlace()
    {
        var storage = Storage();
        await storage.RetypeVolumeAsync(Vol2, "lvm-gold");
        Assert.Equal("retyping", (await storage.GetVolumeAsync(Vol2))!.Status);
        // A second operation while one runs is refused.
        await Assert.ThrowsAsync<CloudException>(() => storage.MigrateVolumeAsync(Vol2, PoolC));

        _time.Advance(_options.VolumeRetypeSeconds);
        var volume = (await storage.GetVolumeAsync(Vol2))!;
        Assert.Equal(("in-use", "lvm-gold", PoolA, (string?)null), (volume.Status, volume.VolumeType, volume.Host, volume.MigrationStatus));
    }

    [Fact]
    public async Task Retype_ToAnotherBackendsType_MigratesOnDemandOnly()
    {
        var storage = Storage();
        var never = await Assert.ThrowsAsync<CloudException>(() => storage.RetypeVolumeAsync(Vol2, "lvm2", "never"));
        Assert.Contains("needs a migration", never.Message);
        var same = await Assert.ThrowsAsync<CloudException>(() => storage.RetypeVolumeAsync(Vol2, "lvm"));
        Assert.Contains("must be different", same.Message);

        await storage.RetypeVolumeAsync(Vol2, "lvm2");
        _time.Advance(_options.VolumeMigrationSeconds - 0.5);
        Assert.Equal(("retyping", "migrating"), ((await storage.GetVolumeAsync(Vol2))!.Status, (await storage.GetVolumeAsync(Vol2))!.MigrationStatus));
        _time.Advance(0.5);
        var volume = (await storage.GetVolumeAsync(Vol2))!;
        Assert.Equal(("in-use", "lvm2", PoolB, "success"), (volume.Status, volume.VolumeType, volume.Host, volume.MigrationStatus));
    }

    [Fact]
    public async Task BareMetal_PowerChangesTakeSimulatedTime_AndLockTheNodeMeanwhile()
    {
        var metal = new SimulatedBareMetal(_scenario, _options, _time);
        var nodes = await metal.ListNodesAsync();
        Assert.Equal([IronicPower.On, IronicPower.Off], nodes.Select(n => n.PowerState));
        Assert.Equal("c0000000-0000-4000-8000-00000000000a", nodes[0].ComputeNodeId);

        await metal.SetPowerStateAsync("b0000000-0000-4000-8000-00000000000a", on: false);
        var changing = (await metal.GetNodeAsync("b0000000-0000-4000-8000-00000000000a"))!;
        Assert.Equal((IronicPower.On, IronicPower.Off), (changing.PowerState, changing.TargetPowerState));
        var locked = await Assert.ThrowsAsync<CloudException>(() => metal.SetPowerStateAsync("b0000000-0000-4000-8000-00000000000a", on: true));
        Assert.Equal(409, locked.StatusCode);

        _time.Advance(_options.BareMetalPowerSeconds);
        var off = (await metal.GetNodeAsync("b0000000-0000-4000-8000-00000000000a"))!;
        Assert.Equal((IronicPower.Off, (string?)null), (off.PowerState, off.TargetPowerState));
    }

    [Fact]
    public async Task BareMetal_PowerChangeFailingOnPurpose_LeavesTheNodeAsItWas()
    {
        _options.FailPowerChangesOf.Add("bm-b");
        var metal = new SimulatedBareMetal(_scenario, _options, _time);
        await metal.SetPowerStateAsync("b0000000-0000-4000-8000-00000000000b", on: true);
        _time.Advance(_options.BareMetalPowerSeconds);
        Assert.Equal(IronicPower.Off, (await metal.GetNodeAsync("b0000000-0000-4000-8000-00000000000b"))!.PowerState);
    }

    [Fact]
    public void DemoCluster_HasAPoolAbove80PercentAndTwoBareMetalNodes()
    {
        var demo = DemoCluster.Build();
        var lvm = demo.Storage.FindPool("storage-0@lvm#pool0")!;
        Assert.True(lvm.TotalCapacityGb - lvm.FreeCapacityGb >= 0.8 * lvm.TotalCapacityGb);
        Assert.Equal(2, demo.Storage.Nodes.Count);
        Assert.All(demo.Model.Instances, i => Assert.Contains(demo.Storage.Volumes, v => v.Attachments.Any(a => a.ServerId == i.Uuid)));
        Assert.Equal(2, demo.Baremetal.Nodes.Count);
    }
}
