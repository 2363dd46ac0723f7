using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.Cloud.Simulator.Storage;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Shared.Errors;
using Watcher.Tests.Cloud.Simulator;
using Watcher.Tests.Support;

namespace Watcher.Tests.ClusterModel;

/// <summary>The storage and bare-metal models: collected from the embedded cloud, kept by their stores, scoped.</summary>
public class StorageModelTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly Scenario _scenario = Scenario.Load(TestPaths.TestScenario("sim_storage.json"));

    private StorageModel Collect(SimulatedBlockStorage storage) =>
        new StorageModelCollector(storage).CollectAsync(CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void Collector_BuildsNodesPoolsVolumesAndTypes_FromCinder()
    {
        var model = Collect(new SimulatedBlockStorage(_scenario, new StorageSimulatorOptions(), _time));
        Assert.Equal(["st-a@lvm", "st-b@lvm2", "st-c@thin"], model.Nodes.Select(n => n.Host));
        Assert.Equal(["lvm", "lvm-gold"], model.FindNode("st-a@lvm")!.VolumeTypes);
        Assert.Equal("az2", model.FindNode("st-c@thin")!.Zone);
        var a = model.FindPool("st-a@lvm#p0")!;
        Assert.Equal((100.0, 50.0, 2), (a.TotalCapacityGb, a.FreeCapacityGb, a.TotalVolumes));
        Assert.Equal(["d0000000-0000-4000-8000-000000000001", "d0000000-0000-4000-8000-000000000002"], model.VolumesOf(a).Select(v => v.Uuid));
        Assert.Equal("st-b@lvm2#p0", model.FindVolume("d0000000-0000-4000-8000-000000000003")!.Host);
        Assert.Equal(5, model.VolumeTypes.Count);
        Assert.Equal(200, model.FindPool("st-c@thin#p0")!.VirtualFree);
    }

    [Fact]
    public async Task Store_RebuildShowsAFinishedMigration_AndCopiesAreIndependent()
    {
        var storage = new SimulatedBlockStorage(_scenario, new StorageSimulatorOptions(), _time);
        var services = new ServiceCollection().AddSingleton<IBlockStorageCloud>(storage).AddTransient<StorageModelCollector>().BuildServiceProvider();
        var store = new StorageModelStore(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<StorageModelStore>.Instance);

        var first = await store.GetCopyAsync(CancellationToken.None);
        first.RemovePool(first.FindPool("st-a@lvm#p0")!);
        Assert.NotNull((await store.GetCopyAsync(CancellationToken.None)).FindPool("st-a@lvm#p0"));

        await storage.MigrateVolumeAsync("d0000000-0000-4000-8000-000000000001", "st-c@thin#p0");
        _time.Advance(10);
        await store.RebuildAsync(CancellationToken.None);
        var model = await store.GetCopyAsync(CancellationToken.None);
        Assert.Equal("st-c@thin#p0", model.FindVolume("d0000000-0000-4000-8000-000000000001")!.Host);
        Assert.Equal(70, model.FindPool("st-a@lvm#p0")!.FreeCapacityGb);
        Assert.Equal(2, store.Builds);
    }

    [Fact]
    public async Task Store_FirstBuildFailing_Is503WithTheCloudsReason()
    {
        var services = new ServiceCollection().AddSingleton<IBlockStorageCloud>(new FailingCinder()).AddTransient<StorageModelCollector>().BuildServiceProvider();
        var store = new StorageModelStore(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<StorageModelStore>.Instance);
        var e = await Assert.ThrowsAsync<ClusterModelUnavailableException>(() => store.GetCopyAsync(CancellationToken.None));
        Assert.Equal(503, e.StatusCode);
        Assert.Equal("The storage model could not be built: cinder is down", e.Message);
    }

    [Fact]
    public async Task BaremetalCollector_ReadsIronicNodes()
    {
        var model = await new BaremetalModelCollector(new SimulatedBareMetal(_scenario, new StorageSimulatorOptions(), _time)).CollectAsync(CancellationToken.None);
        Assert.Equal(["power on", "power off"], model.Nodes.Select(n => n.PowerState));
        Assert.Equal("c0000000-0000-4000-8000-00000000000b", model.FindNode("b0000000-0000-4000-8000-00000000000b")!.ComputeNodeId);
        var scoped = BaremetalScope.ApplyScope(model, JsonNode.Parse(
            """[{"baremetal": [{"exclude": [{"ironic_nodes": [{"uuid": "b0000000-0000-4000-8000-00000000000a"}]}]}]}]""")!.AsArray());
        Assert.Equal(["b0000000-0000-4000-8000-00000000000b"], scoped.Nodes.Select(n => n.Uuid));
    }

    private StorageModel Scoped(string scope) => StorageScope.ApplyScope(_scenario.Storage, JsonNode.Parse(scope)!.AsArray());

    [Fact]
    public void Scope_AvailabilityZonesAndVolumeTypes_KeepTheBackendsTheyName()
    {
        Assert.Equal(["st-a@lvm", "st-b@lvm2"], Scoped("""[{"storage": [{"availability_zones": [{"name": "az1"}]}]}]""").Nodes.Select(n => n.Host));
        // Included by the type it serves; the others go with their pools and volumes.
        var byType = Scoped("""[{"storage": [{"volume_types": [{"name": "thin"}]}]}]""");
        Assert.Equal(["st-c@thin"], byType.Nodes.Select(n => n.Host));
        Assert.Equal(["st-c@thin#p0"], byType.Pools.Select(p => p.Name));
        Assert.Equal(["d0000000-0000-4000-8000-000000000003"], byType.Volumes.Select(v => v.Uuid));   // unplaced in the file: no pool to remove it with
        Assert.Equal(3, Scoped("""[{"storage": [{"availability_zones": [{"name": "*"}]}]}]""").Nodes.Count);
        Assert.Empty(Scoped("""[{"storage": [{"availability_zones": [{"name": "az9"}]}]}]""").Nodes);
        Assert.Throws<InvalidRequestException>(() => Scoped("""[{"storage": [{"volume_types": [{"name": "*"}, {"name": "lvm"}]}]}]"""));
    }

    [Fact]
    public void Scope_Exclusions_RemovePoolsVolumesAndProjectsVolumes()
    {
        var pools = Scoped("""[{"storage": [{"exclude": [{"storage_pools": [{"name": "st-a@lvm#p0"}]}]}]}]""");
        Assert.Null(pools.FindPool("st-a@lvm#p0"));
        Assert.Null(pools.FindVolume("d0000000-0000-4000-8000-000000000002"));
        Assert.NotNull(pools.FindNode("st-a@lvm"));
        var volumes = Scoped("""[{"storage": [{"exclude": [{"volumes": [{"uuid": "d0000000-0000-4000-8000-000000000002"}]}, {"projects": [{"uuid": "p1"}]}]}]}]""");
        Assert.Equal(["d0000000-0000-4000-8000-000000000003"], volumes.Volumes.Select(v => v.Uuid));
        // A legacy flat scope is about compute only.
        Assert.Equal(3, Scoped("""[{"availability_zones": [{"name": "az9"}]}]""").Volumes.Count);
    }

    private sealed class FailingCinder : IBlockStorageCloud
    {
        private static Exception Down() => new CloudUnavailableException("cinder is down");
        public Task<IReadOnlyList<StorageService>> ListStorageServicesAsync(CancellationToken ct = default) => throw Down();
        public Task<IReadOnlyList<StoragePool>> ListPoolsAsync(CancellationToken ct = default) => throw Down();
        public Task<IReadOnlyList<CloudVolume>> ListVolumesAsync(CancellationToken ct = default) => throw Down();
        public Task<CloudVolume?> GetVolumeAsync(string volumeId, CancellationToken ct = default) => throw Down();
        public Task<IReadOnlyList<VolumeType>> ListVolumeTypesAsync(CancellationToken ct = default) => throw Down();
        public Task MigrateVolumeAsync(string volumeId, string? host, bool forceHostCopy = false, bool lockVolume = true, CancellationToken ct = default) => throw Down();
        public Task RetypeVolumeAsync(string volumeId, string newType, string migrationPolicy = "on-demand", CancellationToken ct = default) => throw Down();
    }
}
