using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// A storage_capacity_balance audit on the embedded demo cloud through the real API: the lvm pool is 85 % used, so the
/// plan moves the two detached backups to the ceph pool; the applier carries it out, the pools' usage changes as the
/// plan said, and a second audit finds nothing left to do.
/// </summary>
public class StorageCapacityBalanceOnTheDemoCloudTests
{
    private static WatcherAppFactory DemoCloud() =>
        new("lifecycle_consolidation.json", new Dictionary<string, string?>
        {
            ["Watcher:Simulator:ScenarioFile"] = "",
            ["Watcher:Simulator:Storage:VolumeMigrationSeconds"] = "0.05",
            ["Watcher:ActionPolling:VolumeInterval"] = "0.02",
        });

    private static async Task<Dictionary<string, double>> FreeByPoolAsync(HttpClient client) =>
        (await client.GetAsync("/v1/data_model?data_model_type=storage").ExpectJson())["context"]!.AsArray()
            .GroupBy(r => (string)r!["pool_name"]!).ToDictionary(g => g.Key, g => (double)g.First()!["pool_free_capacity_gb"]!);

    [Fact]
    public async Task Audit_PlansVolumeMigrationsOffTheFullPool_TheApplierMovesThem()
    {
        using var factory = DemoCloud();
        var client = factory.Operator();
        var auditUuid = await client.CreateAuditAsync(
            """{"audit_type": "ONESHOT", "goal": "workload_balancing", "strategy": "storage_capacity_balance"}""");
        await client.PollStateAsync($"/v1/audits/{auditUuid}", "SUCCEEDED");

        var plan = Assert.Single(await client.PlansOfAsync(auditUuid));
        Assert.Equal(("RECOMMENDED", "storage_capacity_balance"), ((string?)plan["state"], (string?)plan["strategy_name"]));
        var actions = await client.ActionsOfAsync((string)plan["uuid"]!);
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a =>
        {
            Assert.Equal("volume_migrate", (string?)a["action_type"]);
            Assert.Equal("storage-1@ceph#pool0", (string?)a["input_parameters"]!["destination_node"]);
        });
        Assert.Equal(["vol-backup-1", "vol-backup-2"],
            actions.Select(a => (string)a["input_parameters"]!["resource_name"]!).Order());

        var before = await FreeByPoolAsync(client);
        Assert.Equal((150.0, 1600.0), (before["storage-0@lvm#pool0"], before["storage-1@ceph#pool0"]));
        await client.StartPlanAsync((string)plan["uuid"]!);
        await client.PollStateAsync($"/v1/action_plans/{plan["uuid"]}", "SUCCEEDED");
        Assert.All(await client.ActionsOfAsync((string)plan["uuid"]!), a => Assert.Equal("SUCCEEDED", (string?)a["state"]));

        // 100 GB of backups moved: the lvm pool is at 75 %, the ceph pool holds them (the model is rebuilt after the plan).
        var after = await FreeByPoolAsync(client);
        Assert.Equal((250.0, 1500.0), (after["storage-0@lvm#pool0"], after["storage-1@ceph#pool0"]));
        var cinder = factory.Services.GetRequiredService<IBlockStorageCloud>();
        Assert.All((await cinder.ListVolumesAsync()).Where(v => v.Name.StartsWith("vol-backup")), v => Assert.Equal("storage-1@ceph#pool0", v.Host));

        var again = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "workload_balancing", "strategy": "storage_capacity_balance"}""");
        await client.PollStateAsync($"/v1/audits/{again}", "SUCCEEDED");
        Assert.Empty(await client.ActionsOfAsync((string)Assert.Single(await client.PlansOfAsync(again))["uuid"]!));

        // The strategy's requirements report sees the storage model.
        var state = await client.GetAsync("/v1/strategies/storage_capacity_balance/state").ExpectJson();
        Assert.Contains("\"storage_model\":\"available\"", state.ToJsonString());
    }
}
