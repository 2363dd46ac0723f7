using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;

namespace Watcher.Tests.Cloud.OpenStack;

/// <summary>
/// The Cinder client against the lab's recorded answers, and the Ironic client against responses written after the
/// Bare Metal API reference (the lab has no Ironic; Recorded/README.md).
/// </summary>
public sealed class CinderAndIronicClientTests
{
    private const string Cinder = "/v3/55b78719337b47dc9b7b927e3c337b42";
    private const string Vol1 = "7a1d9e55-e232-42fc-8ad2-9bc2729ef160";
    private const string Node = "6d85703a-565d-469a-96ce-30b6de53079d";
    private readonly StubOpenStack _stub = StubOpenStack.WithLab();

    public CinderAndIronicClientTests()
    {
        _stub.On(HttpMethod.Get, $"{Cinder}/os-services", _ => StubOpenStack.Json(200, StubOpenStack.Recorded("cinder-services.json")));
        _stub.On(HttpMethod.Get, $"{Cinder}/scheduler-stats/get_pools", _ => StubOpenStack.Json(200, StubOpenStack.Recorded("cinder-pools.json")));
        _stub.On(HttpMethod.Get, $"{Cinder}/volumes/detail", _ => StubOpenStack.Json(200, StubOpenStack.Recorded("cinder-volumes-detail.json")));
        _stub.On(HttpMethod.Get, $"{Cinder}/volumes/{Vol1}", _ => StubOpenStack.Json(200, StubOpenStack.Recorded("cinder-volume.json")));
        _stub.On(HttpMethod.Get, $"{Cinder}/types", _ => StubOpenStack.Json(200, StubOpenStack.Recorded("cinder-types.json")));
        _stub.On(HttpMethod.Get, $"{Cinder}/snapshots/detail", _ => StubOpenStack.Json(200,
            $$"""{"snapshots": [{"id": "5n000000-0000-4000-8000-000000000001", "volume_id": "{{Vol1}}", "status": "available", "size": 10}]}"""));
        _stub.On(HttpMethod.Post, $"{Cinder}/volumes/", _ => new HttpResponseMessage(System.Net.HttpStatusCode.Accepted));
        _stub.On(HttpMethod.Get, "/v1/nodes/detail", _ => StubOpenStack.Json(200, StubOpenStack.Recorded("ironic-nodes-detail.json")));
        _stub.On(HttpMethod.Put, "/v1/nodes/", _ => new HttpResponseMessage(System.Net.HttpStatusCode.Accepted));
    }

    private ServiceProvider Host() => OpenStackTestHost.Build(_stub, null,
        ("Watcher:Cinder:HttpRetryInterval", "0.01"), ("Watcher:Ironic:HttpRetryInterval", "0.01"),
        ("Watcher:Ironic:EndpointOverride", "http://127.0.0.1:6385"));

    private IBlockStorageCloud Cinderclient() => Host().GetRequiredService<IBlockStorageCloud>();
    private IBareMetalCloud Ironicclient() => Host().GetRequiredService<IBareMetalCloud>();

    [Fact]
    public async Task ServicesPoolsVolumesAndTypes_AreReadAsTheLabsCinderAnswers()
    {
        var cinder = Cinderclient();
        Assert.Equal(["oslab-storage@fake-a", "oslab-storage@fake-b"], (await cinder.ListStorageServicesAsync()).Select(s => s.Host));

        var pools = await cinder.ListPoolsAsync();
        var b = pools.Single(p => p.Name == "oslab-storage@fake-b#fake-b");
        Assert.Equal((1000.0, 950.0, 60.0, "fake-b", "fake-b"), (b.TotalCapacityGb, b.FreeCapacityGb, b.AllocatedCapacityGb, b.VolumeBackendName, b.PoolName));
        Assert.True(b.ThickProvisioningSupport);

        var volumes = await cinder.ListVolumesAsync();
        var vol1 = volumes.Single(v => v.Id == Vol1);
        Assert.Equal(("oslab-vol-1", 10, "available", "__DEFAULT__", false), (vol1.Name, vol1.Size, vol1.Status, vol1.VolumeType, vol1.Bootable));
        Assert.Equal("oslab-storage@fake-a#fake", vol1.Host);
        Assert.Equal("499a4ec0bacf48c788477dedecb414e2", vol1.ProjectId);
        Assert.True(vol1.HasSnapshots);
        Assert.False(volumes.Single(v => v.Id != Vol1).HasSnapshots);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T19:58:24Z"), vol1.CreatedAt);

        Assert.Equal("__DEFAULT__", Assert.Single(await cinder.ListVolumeTypesAsync()).Name);
        Assert.Contains(_stub.To($"{Cinder}/volumes/detail"), r => r.PathAndQuery.Contains("all_tenants=1"));
        Assert.All(_stub.To(Cinder), r => Assert.Equal("volume 3.16", r.Header("OpenStack-API-Version")));
    }

    [Fact]
    public async Task PoolsWithInfiniteCapacity_AreLeftOut()
    {
        _stub.On(HttpMethod.Get, $"{Cinder}/scheduler-stats/get_pools", _ => StubOpenStack.Json(200, StubOpenStack.Recorded("cinder-pools-infinite.json")));
        Assert.Equal(["oslab-storage@fake-b#fake-b"], (await Cinderclient().ListPoolsAsync()).Select(p => p.Name));
    }

    [Fact]
    public async Task MigrateAndRetype_PostCindersActions()
    {
        var cinder = Cinderclient();
        await cinder.MigrateVolumeAsync(Vol1, "oslab-storage@fake-b#fake-b");
        await cinder.RetypeVolumeAsync(Vol1, "gold");
        var bodies = _stub.To($"{Cinder}/volumes/{Vol1}/action").Select(r => r.Body).ToList();
        Assert.Equal("""{"os-migrate_volume":{"force_host_copy":false,"lock_volume":true,"host":"oslab-storage@fake-b#fake-b"}}""", bodies[0]);
        Assert.Equal("""{"os-retype":{"new_type":"gold","migration_policy":"on-demand"}}""", bodies[1]);
    }

    [Fact]
    public async Task CindersRefusals_CarryItsMessage_AndAnUnknownVolumeIsNull()
    {
        _stub.On(HttpMethod.Post, $"{Cinder}/volumes/", _ => StubOpenStack.Json(400, StubOpenStack.Recorded("cinder-error-migrate-unknown-host.json")));
        _stub.On(HttpMethod.Get, $"{Cinder}/volumes/00000000", _ => StubOpenStack.Json(404, StubOpenStack.Recorded("cinder-error-404.json")));
        var cinder = Cinderclient();
        var e = await Assert.ThrowsAsync<CloudException>(() => cinder.MigrateVolumeAsync(Vol1, "oslab-storage@fake-x#nowhere"));
        Assert.Contains("No available service named 'oslab-storage@fake-x#nowhere'", e.Message);
        Assert.Null(await cinder.GetVolumeAsync("00000000-0000-4000-8000-000000000000"));
        Assert.Equal("oslab-vol-1", (await cinder.GetVolumeAsync(Vol1))!.Name);
    }

    [Fact]
    public async Task IronicNodes_AreReadWithTheirComputeNodeAndPower()
    {
        var nodes = await Ironicclient().ListNodesAsync();
        Assert.Equal([IronicPower.On, IronicPower.Off], nodes.Select(n => n.PowerState));
        Assert.Equal("dd20aa9d-cb10-4109-a830-4df7e69e0e14", nodes[0].ComputeNodeId);
        Assert.Equal((true, "disk replacement"), (nodes[1].Maintenance, nodes[1].MaintenanceReason));
        Assert.All(_stub.To("/v1/nodes"), r => Assert.Equal("1.1", r.Header("X-OpenStack-Ironic-API-Version")));
    }

    [Fact]
    public async Task IronicPowerChange_PutsTheTarget_AndALockedNodeSaysWhy()
    {
        var ironic = Ironicclient();
        await ironic.SetPowerStateAsync(Node, on: false);
        Assert.Equal("""{"target":"power off"}""", _stub.To($"/v1/nodes/{Node}/states/power").Single().Body);

        _stub.On(HttpMethod.Put, "/v1/nodes/", _ => StubOpenStack.Json(409, StubOpenStack.Recorded("ironic-error-409-locked.json")));
        var e = await Assert.ThrowsAsync<CloudException>(() => ironic.SetPowerStateAsync(Node, on: true));
        Assert.Contains($"Node {Node} is locked by host conductor-1", e.Message);

        _stub.On(HttpMethod.Get, "/v1/nodes/0000", _ => StubOpenStack.Json(404, StubOpenStack.Recorded("ironic-error-404.json")));
        Assert.Null(await ironic.GetNodeAsync("00000000-0000-4000-8000-000000000000"));
    }
}
