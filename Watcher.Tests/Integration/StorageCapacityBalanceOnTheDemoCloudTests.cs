using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// A storage_capacity_balance audit on the embedded demo cloud through the real API: the lvm pool is 85 % used, so the
/// plan moves the two detached backups to the ceph pool.
/// </summary>
public class StorageCapacityBalanceOnTheDemoCloudTests
{
    private static WatcherAppFactory DemoCloud() =>
        new("lifecycle_consolidation.json", new Dictionary<string, string?>
        {
            ["Watcher:Simulator:ScenarioFile"] = "",
            ["Watcher:Simulator:Storage:VolumeMigrationSeconds"] = "0.05",
        });

    [Fact]
    public async Task Audit_PlansVolumeMigrationsOffTheFullPool()
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

        // The strategy's requirements report sees the storage model.
        var state = await client.GetAsync("/v1/strategies/storage_capacity_balance/state").ExpectJson();
        Assert.Contains("\"storage_model\":\"available\"", state.ToJsonString());
    }
}
