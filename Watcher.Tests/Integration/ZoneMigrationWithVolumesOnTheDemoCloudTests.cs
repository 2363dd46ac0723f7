using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// zone_migration with storage_pools and with_attached_volume on the embedded demo cloud, through the real API:
/// compute-0 (vm-web-1, vm-web-2) is emptied onto compute-1 and the lvm-typed data volumes leave the lvm pool by a
/// retype to ceph, and the servers of compute-0 attached to them follow. The applier carries the plan out and Nova
/// and Cinder show the result.
/// </summary>
public class ZoneMigrationWithVolumesOnTheDemoCloudTests
{
    private static WatcherAppFactory DemoCloud() =>
        new("lifecycle_consolidation.json", new Dictionary<string, string?>
        {
            ["Watcher:Simulator:ScenarioFile"] = "",
            ["Watcher:Simulator:Storage:VolumeMigrationSeconds"] = "0.05",
            ["Watcher:ActionPolling:VolumeInterval"] = "0.02",
        });

    [Fact]
    public async Task AttachedVolumes_AreRetyped_AndTheirServersFollowThem()
    {
        using var factory = DemoCloud();
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""
            {"audit_type": "ONESHOT", "goal": "hardware_maintenance", "strategy": "zone_migration",
             "parameters": {"with_attached_volume": true, "parallel_total": 10, "parallel_per_pool": 4,
                            "compute_nodes": [{"src_node": "compute-0", "dst_node": "compute-1"}],
                            "storage_pools": [{"src_pool": "storage-0@lvm#pool0", "src_type": "lvm", "dst_type": "ceph"}]}}
            """);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;

        var planned = (await client.ActionsOfAsync(plan))
            .Select(a => $"{a["action_type"]} {a["input_parameters"]!["migration_type"]} {a["input_parameters"]!["resource_name"]}").ToList();
        Assert.Equal(6, planned.Count);
        Assert.Equal(["volume_migrate retype vol-cache-1-data", "volume_migrate retype vol-db-1-data",
                      "volume_migrate retype vol-web-1-data", "volume_migrate retype vol-web-2-data"],
            planned.Where(p => p.StartsWith("volume_migrate")).Order());
        Assert.Equal(["migrate live vm-web-1", "migrate live vm-web-2"], planned.Where(p => p.StartsWith("migrate")).Order());
        // The strategy puts each server right after its volume; the weight planner then runs every volume_migrate
        // (weight 60) before the migrations (30), as upstream's does.
        Assert.True(planned.FindLastIndex(p => p.StartsWith("volume_migrate")) < planned.FindIndex(p => p.StartsWith("migrate")));

        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");

        var servers = await factory.Services.GetRequiredService<IComputeCloud>().ListServersAsync();
        Assert.DoesNotContain(servers, s => s.Host == "compute-0");
        var volumes = await factory.Services.GetRequiredService<IBlockStorageCloud>().ListVolumesAsync();
        Assert.All(volumes.Where(v => v.VolumeType == "lvm" || v.Name is "vol-web-1-data" or "vol-web-2-data" or "vol-db-1-data" or "vol-cache-1-data"),
            v => Assert.Equal(("ceph", "storage-1@ceph#pool0", "in-use"), (v.VolumeType, v.Host, v.Status)));
        // Still attached to the same servers.
        var web1 = servers.Single(s => s.Name == "vm-web-1");
        Assert.Contains(volumes.Single(v => v.Name == "vol-web-1-data").Attachments, a => a.ServerId == web1.Id);
    }
}
