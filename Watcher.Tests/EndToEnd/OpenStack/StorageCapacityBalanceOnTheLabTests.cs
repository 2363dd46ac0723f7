using System.Text.Json.Nodes;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>
/// storage_capacity_balance on the lab's real Cinder, started through our API and checked through Cinder's own:
/// fake-a's pool is filled past 80 % with volumes of a type tied to fake-a; the plan retypes the small ones to the
/// fake-b type (upstream's retype path: every Cinder volume has a type), and Cinder moves them to fake-b.
/// </summary>
[Collection(OpenStackLabCollection.Name)]
public sealed class StorageCapacityBalanceOnTheLabTests(OpenStackLab lab)
{
    private const string Prefix = "watcher-e2e-scb-";
    private static readonly TimeSpan StatsPatience = TimeSpan.FromMinutes(4);   // pool stats refresh every 60 s

    [LabFact]
    public async Task AFullPool_IsRelieved_VolumesEndOnTheOtherBackendAsCinderShows()
    {
        Assert.NotNull(lab.Admin);
        using var cinder = await LabCinder.ConnectAsync();
        await LabCinder.WaitAsync(async () => (await cinder.PoolAsync(LabCinder.PoolA))["total_capacity_gb"] is JsonValue, "fake-a's sized pool", StatsPatience);
        await cinder.DeleteVolumesAsync(Prefix);
        await cinder.EnsureTypeAsync("watcher-e2e-a", "fake-a");
        await cinder.EnsureTypeAsync("watcher-e2e-b", "fake-b");
        var fill = await cinder.CreateVolumeAsync(Prefix + "fill", 780, "watcher-e2e-a");
        var small = new[] { await cinder.CreateVolumeAsync(Prefix + "small-1", 20, "watcher-e2e-a"), await cinder.CreateVolumeAsync(Prefix + "small-2", 30, "watcher-e2e-a") };
        try
        {
            Assert.All(small.Append(fill), id => Assert.Equal(LabCinder.PoolA, (string?)cinder.VolumeAsync(id).Result!["os-vol-host-attr:host"]));
            await LabCinder.WaitAsync(async () => Used(await cinder.PoolAsync(LabCinder.PoolA)) >= 0.8, "fake-a at 80 % in Cinder's pool stats", StatsPatience);

            // Only this test's volumes may move: the lab's others are excluded by the audit scope.
            var others = (await cinder.VolumesAsync()).Where(v => !((string)v["name"]!).StartsWith(Prefix, StringComparison.Ordinal))
                .Select(v => (JsonNode)new JsonObject { ["uuid"] = (string)v["id"]! }).ToArray();
            using var watcher = new LabWatcher();
            var client = watcher.Operator();
            var scope = new JsonArray(new JsonObject { ["storage"] = new JsonArray(new JsonObject
            {
                ["exclude"] = new JsonArray(new JsonObject { ["volumes"] = new JsonArray(others) }),
            }) });
            var template = await client.PostJson("/v1/audit_templates", new JsonObject
            {
                ["name"] = Prefix + Guid.NewGuid().ToString("N")[..8], ["goal"] = "workload_balancing",
                ["strategy"] = "storage_capacity_balance", ["scope"] = scope,
            }.ToJsonString()).ExpectJson(201);
            var plan = await watcher.RecommendAsync(client, $$$"""{"audit_type": "ONESHOT", "audit_template_uuid": "{{{template["uuid"]}}}"}""");

            var actions = await client.ActionsOfAsync(plan);
            Assert.NotEmpty(actions);
            Assert.All(actions, a =>
            {
                Assert.Equal("volume_migrate", (string?)a["action_type"]);
                Assert.Equal(("retype", "watcher-e2e-b"), ((string?)a["input_parameters"]!["migration_type"], (string?)a["input_parameters"]!["destination_type"]));
                Assert.Contains((string)a["input_parameters"]!["resource_id"]!, small);
            });

            await client.StartPlanAsync(plan);
            await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED", LabWatcher.PlanPatience);

            // Cinder's own view: every volume the plan named is on fake-b now, with the fake-b type.
            foreach (var id in actions.Select(a => (string)a["input_parameters"]!["resource_id"]!))
            {
                var volume = (await cinder.VolumeAsync(id))!;
                Assert.Equal((LabCinder.PoolB, "watcher-e2e-b"), ((string?)volume["os-vol-host-attr:host"], (string?)volume["volume_type"]));
                Assert.Contains((string?)volume["status"], new[] { "available", "in-use" });
            }
            Assert.Equal(LabCinder.PoolA, (string?)(await cinder.VolumeAsync(fill))!["os-vol-host-attr:host"]);
        }
        finally
        {
            await cinder.DeleteVolumesAsync(Prefix);
        }
    }

    [LabFact]
    public async Task TheStorageModel_ShowsCindersBackendsPoolsAndVolumes()
    {
        using var cinder = await LabCinder.ConnectAsync();
        await LabCinder.WaitAsync(async () => (await cinder.PoolAsync(LabCinder.PoolA))["total_capacity_gb"] is JsonValue, "fake-a's sized pool", StatsPatience);
        using var watcher = new LabWatcher();
        using var client = watcher.CreateClient();
        client.DefaultRequestHeaders.Add("OpenStack-API-Version", "infra-optim 1.3");
        var rows = (await client.GetAsync("/v1/data_model?data_model_type=storage").ExpectJson())["context"]!.AsArray();

        Assert.Equal(["oslab-storage@fake-a", "oslab-storage@fake-b"], rows.Select(r => (string)r!["node_host"]!).Distinct());
        var poolB = await cinder.PoolAsync(LabCinder.PoolB);
        var rowB = rows.First(r => (string?)r!["pool_name"] == LabCinder.PoolB)!;
        Assert.Equal((double)poolB["total_capacity_gb"]!, (double)rowB["pool_total_capacity_gb"]!);
        // Every volume Cinder places on a pool it reports is in the model, on that pool.
        var modelled = rows.Where(r => r!["volume_uuid"] is not null).ToDictionary(r => (string)r!["volume_uuid"]!, r => (string)r!["pool_name"]!);
        foreach (var v in (await cinder.VolumesAsync()).Where(v => (string?)v["os-vol-host-attr:host"] is LabCinder.PoolA or LabCinder.PoolB))
            Assert.Equal((string)v["os-vol-host-attr:host"]!, modelled[(string)v["id"]!]);
    }

    private static double Used(JsonObject pool)
    {
        var total = (double)pool["total_capacity_gb"]!;
        return (total - (double)pool["free_capacity_gb"]!) / total;
    }
}
