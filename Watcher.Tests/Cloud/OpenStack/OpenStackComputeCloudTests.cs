using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.OpenStack;
using Watcher.Modules.ClusterModel;

namespace Watcher.Tests.Cloud.OpenStack;

public sealed class OpenStackComputeCloudTests
{
    private const string Vm4 = "9911e9fc-e5b3-45ac-b277-9355be5a780e";
    private readonly StubOpenStack _stub = StubOpenStack.WithLab();

    private IComputeCloud Cloud(params (string, string?)[] settings) =>
        OpenStackTestHost.Build(_stub, null, settings).GetRequiredService<IComputeCloud>();

    [Fact]
    public async Task TheOpenStackBackend_ServesTheComputeCloud()
    {
        Assert.IsType<OpenStackComputeCloud>(Cloud());
    }

    [Fact]
    public async Task Hypervisors_TakeCapacityFromPlacement_AndZoneAndAggregatesFromNova()
    {
        var hypervisors = await Cloud().ListHypervisorsAsync();

        Assert.Equal(["fake-2", "fake-1", "fake-3"], hypervisors.Select(h => h.Hostname));
        var fake1 = hypervisors.Single(h => h.Hostname == "fake-1");
        Assert.Equal("6008ab59-c362-4378-93e6-a54673cc87d8", fake1.Uuid);
        Assert.Equal((16, 0, 16.0), (fake1.Vcpus, fake1.VcpuReserved, fake1.VcpuAllocationRatio));
        Assert.Equal((32768, 512, 1.5), (fake1.MemoryMb, fake1.MemoryMbReserved, fake1.MemoryAllocationRatio));
        Assert.Equal((500, 0, 1.0), (fake1.DiskGb, fake1.DiskGbReserved, fake1.DiskAllocationRatio));
        Assert.Equal(("enabled", "up", "nova"), (fake1.ServiceStatus, fake1.ServiceState, fake1.AvailabilityZone));
        Assert.Equal(["rec-agg"], fake1.Aggregates);
        Assert.Empty(hypervisors.Single(h => h.Hostname == "fake-2").Aggregates);
        Assert.Equal(3, _stub.To("/resource_providers/").Count());
    }

    [Fact]
    public async Task AClassPlacementLacks_FallsBackToTheHypervisor_WithNothingReserved()
    {
        _stub.On(HttpMethod.Get, "/resource_providers/", _ => StubOpenStack.Json(200,
            """{"inventories": {"VCPU": {"total": 8, "reserved": 2, "allocation_ratio": 4.0}}, "resource_provider_generation": 1}"""));

        var h = (await Cloud().ListHypervisorsAsync())[0];

        Assert.Equal((8, 2, 4.0), (h.Vcpus, h.VcpuReserved, h.VcpuAllocationRatio));
        Assert.Equal((32768, 0, 1.0), (h.MemoryMb, h.MemoryMbReserved, h.MemoryAllocationRatio));
        Assert.Equal((500, 0, 1.0), (h.DiskGb, h.DiskGbReserved, h.DiskAllocationRatio));
    }

    [Fact]
    public async Task IronicHypervisors_AreLeftOut()
    {
        var doc = JsonNode.Parse(StubOpenStack.Recorded("nova-hypervisors-detail.json"))!;
        doc["hypervisors"]![0]!["hypervisor_type"] = "ironic";
        _stub.On(HttpMethod.Get, "/v2.1/os-hypervisors/detail", _ => StubOpenStack.Json(200, doc.ToJsonString()));

        Assert.Equal(["fake-1", "fake-3"], (await Cloud().ListHypervisorsAsync()).Select(h => h.Hostname));
    }

    [Fact]
    public async Task Servers_CarryFlavorFootprintHostAndState()
    {
        var servers = await Cloud().ListServersAsync();

        var vm4 = servers.Single(s => s.Id == Vm4);
        Assert.Equal(("oslab-vm-4", "ACTIVE", "active", "fake-1"), (vm4.Name, vm4.Status, vm4.VmState, vm4.Host));
        Assert.Equal((4, 8192, 80, "m1.large"), (vm4.Vcpus, vm4.MemoryMb, vm4.DiskGb, vm4.FlavorName));
        Assert.Equal(("c30b987987f9409383ca311589546e32", "nova", "fake-1"), (vm4.ProjectId, vm4.AvailabilityZone, vm4.HypervisorHostname));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 9, 31, TimeSpan.Zero), vm4.Created);
        Assert.Null(vm4.MigrationPeerHost);
        Assert.Empty(_stub.To("/v2.1/os-migrations"));   // nobody is moving: no migration lookups
    }

    [Fact]
    public async Task LocalDisk_LeavesOutABootVolume_AndCountsEphemeralAndSwap()
    {
        var doc = JsonNode.Parse(StubOpenStack.Recorded("nova-servers-detail.json"))!;
        var first = doc["servers"]![0]!;
        first["image"] = "";
        first["flavor"]!["ephemeral"] = 10;
        first["flavor"]!["swap"] = 1536;
        _stub.On(HttpMethod.Get, "/v2.1/servers/detail", _ => StubOpenStack.Json(200, doc.ToJsonString()));

        var vm4 = (await Cloud().ListServersAsync()).Single(s => s.Id == Vm4);

        Assert.Equal(0 + 10 + 2, vm4.DiskGb);
    }

    [Fact]
    public async Task AServerMidMigration_NamesTheOtherHostHoldingItsResources()
    {
        var doc = JsonNode.Parse(StubOpenStack.Recorded("nova-servers-detail.json"))!;
        doc["servers"]![0]!["OS-EXT-STS:task_state"] = "migrating";
        doc["servers"]![0]!["status"] = "MIGRATING";
        _stub.On(HttpMethod.Get, "/v2.1/servers/detail", _ => StubOpenStack.Json(200, doc.ToJsonString()));
        _stub.On(HttpMethod.Get, "/v2.1/os-migrations", _ => StubOpenStack.Json(200, """
            {"migrations": [
              {"id": 7, "status": "running", "migration_type": "live-migration", "source_compute": "fake-1", "dest_compute": "fake-3", "instance_uuid": "9911e9fc-e5b3-45ac-b277-9355be5a780e"},
              {"id": 2, "status": "completed", "migration_type": "live-migration", "source_compute": "fake-2", "dest_compute": "fake-1", "instance_uuid": "9911e9fc-e5b3-45ac-b277-9355be5a780e"}]}
            """));

        var servers = await Cloud().ListServersAsync();

        Assert.Equal("fake-3", servers.Single(s => s.Id == Vm4).MigrationPeerHost);
        Assert.Single(_stub.To("/v2.1/os-migrations"));
    }

    [Fact]
    public async Task TheCollector_CountsAMigratingServerOnBothHosts()
    {
        var doc = JsonNode.Parse(StubOpenStack.Recorded("nova-servers-detail.json"))!;
        doc["servers"]![0]!["OS-EXT-STS:task_state"] = "migrating";
        _stub.On(HttpMethod.Get, "/v2.1/servers/detail", _ => StubOpenStack.Json(200, doc.ToJsonString()));
        _stub.On(HttpMethod.Get, "/v2.1/os-migrations", _ => StubOpenStack.Json(200,
            """{"migrations": [{"id": 7, "status": "running", "source_compute": "fake-1", "dest_compute": "fake-3", "instance_uuid": "x"}]}"""));

        var model = await new ComputeModelCollector(Cloud()).CollectAsync(default);

        var fake1 = model.GetNodeByHostname("fake-1");
        var fake3 = model.GetNodeByHostname("fake-3");
        Assert.Equal(fake1, model.NodeOf(model.FindInstance(Vm4)!));
        Assert.Equal(4 + 1, model.UsedResources(fake1).Vcpus);          // vm-4 (4) + vm-3 (1)
        Assert.Equal(2 + 4, model.UsedResources(fake3).Vcpus);          // vm-2 (2) + vm-4 still held there
        Assert.Equal(4096 + 8192, model.UsedResources(fake3).Memory);
    }

    [Fact]
    public async Task ServiceDisable_FindsTheComputeServiceByHost_AndSendsTheReason()
    {
        _stub.On(HttpMethod.Put, "/v2.1/os-services/", r => StubOpenStack.Json(200,
            """{"service": {"id": "x", "binary": "nova-compute", "host": "fake-3", "status": "disabled", "state": "up", "disabled_reason": "watcher_maintaining"}}"""));

        var service = await Cloud().SetComputeServiceStatusAsync("fake-3", enabled: false, "watcher_maintaining");

        var put = _stub.To("/v2.1/os-services/").Single(r => r.Method == HttpMethod.Put);
        var serviceId = JsonNode.Parse(StubOpenStack.Recorded("nova-services.json"))!["services"]!.AsArray()
            .Single(s => s!["host"]!.GetValue<string>() == "fake-3")!["id"]!.GetValue<string>();
        Assert.Equal($"/v2.1/os-services/{serviceId}", put.PathAndQuery);
        Assert.Equal("""{"status":"disabled","disabled_reason":"watcher_maintaining"}""", put.Body);
        Assert.Equal(new ComputeService("fake-3", "disabled", "up", "watcher_maintaining"), service);
        await Assert.ThrowsAsync<CloudNotFoundException>(() => Cloud().SetComputeServiceStatusAsync("nowhere", true, null));
    }

    [Fact]
    public async Task ServerActions_SendNovasBodies()
    {
        _stub.On(HttpMethod.Post, "/v2.1/servers/", _ => StubOpenStack.Json(202, ""));
        _stub.On(HttpMethod.Get, $"/v2.1/servers/{Vm4}/migrations", _ => StubOpenStack.Json(200, """{"migrations": [{"id": 12, "status": "running"}]}"""));
        _stub.On(HttpMethod.Delete, $"/v2.1/servers/{Vm4}/migrations/12", _ => StubOpenStack.Json(202, ""));
        var cloud = Cloud();

        await cloud.LiveMigrateAsync(Vm4, "fake-2");
        await cloud.LiveMigrateAsync(Vm4, null);
        await cloud.ColdMigrateAsync(Vm4, null);
        await cloud.ColdMigrateAsync(Vm4, "fake-3");
        await cloud.ConfirmResizeAsync(Vm4);
        await cloud.StopServerAsync(Vm4);
        await cloud.StartServerAsync(Vm4);
        await cloud.ResizeAsync(Vm4, "m1.small");
        await cloud.AbortLiveMigrationAsync(Vm4);

        var flavorId = JsonNode.Parse(StubOpenStack.Recorded("nova-flavors.json"))!["flavors"]!.AsArray()
            .Single(f => f!["name"]!.GetValue<string>() == "m1.small")!["id"]!.GetValue<string>();
        Assert.Equal([
            """{"os-migrateLive":{"host":"fake-2","block_migration":"auto"}}""",
            """{"os-migrateLive":{"host":null,"block_migration":"auto"}}""",
            """{"migrate":null}""",
            """{"migrate":{"host":"fake-3"}}""",
            """{"confirmResize":null}""",
            """{"os-stop":null}""",
            """{"os-start":null}""",
            $$$"""{"resize":{"flavorRef":"{{{flavorId}}}"}}""",
        ], _stub.To($"/v2.1/servers/{Vm4}/action").Select(r => r.Body));
        Assert.Single(_stub.Requests, r => r.Method == HttpMethod.Delete);
    }

    [Fact]
    public async Task Probe_ReportsReachable_OrWhatFailed()
    {
        var up = await OpenStackTestHost.Build(_stub, null).GetRequiredService<ICloudProbe>().ProbeAsync();
        Assert.True(up.Reachable);
        Assert.Equal("Keystone (http://127.0.0.1:15000/v3), Nova (http://127.0.0.1:18774/v2.1) and Placement (http://127.0.0.1:18778) answer",
            up.Description);

        var port = FreePort.Get();
        var down = await OpenStackTestHost.Build(_stub, ["keystone"], null,
                ("Watcher:Nova:EndpointOverride", $"http://127.0.0.1:{port}/v2.1"), ("Watcher:Nova:HttpRetries", "0"))
            .GetRequiredService<ICloudProbe>().ProbeAsync();
        Assert.False(down.Reachable);
        Assert.Equal($"Nova (http://127.0.0.1:{port}/v2.1) is unreachable: connection refused", down.Description);
    }
}
