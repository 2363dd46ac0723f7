using Watcher.Tests.Integration;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>host_maintenance on a fake host, started through our API, checked through Nova's own API.</summary>
[Collection(OpenStackLabCollection.Name)]
public sealed class HostMaintenanceOnTheLabTests(OpenStackLab lab)
{
    [LabFact]
    public async Task DrainingAHost_DisablesItsComputeService_AndLiveMigratesEveryServerAway()
    {
        await lab.Admin.SpreadServersAsync();   // fake-1 holds oslab-vm-1 and oslab-vm-4
        const string host = "fake-1";
        var onHost = (await lab.Admin.ServersAsync()).Where(s => LabAdmin.HostOf(s) == host).Select(s => (string)s["id"]!).ToList();
        Assert.True(onHost.Count >= 2, "the scene puts two servers on fake-1");
        using var watcher = new LabWatcher();
        var client = watcher.Operator();

        var plan = await watcher.RecommendAsync(client, $$$"""
            {"audit_type": "ONESHOT", "goal": "cluster_maintaining", "strategy": "host_maintenance",
             "parameters": {"maintenance_node": "{{{host}}}"}}
            """);
        var actions = await client.ActionsOfAsync(plan);
        Assert.Equal(onHost.Order(), actions.Where(a => (string?)a["action_type"] == "migrate")
            .Select(a => (string)a["input_parameters"]!["resource_id"]!).Order());
        Assert.Contains(actions, a => (string?)a["action_type"] == "change_nova_service_state"
            && (string?)a["input_parameters"]!["resource_name"] == host && (string?)a["input_parameters"]!["state"] == "disabled");

        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED", LabWatcher.PlanPatience);

        // Nova's own view: the service is disabled for maintenance, no server is left on the host, all are ACTIVE.
        var service = (await lab.Admin.ComputeServicesAsync()).Single(s => (string?)s["host"] == host);
        Assert.Equal(("disabled", "watcher_maintaining"), ((string?)service["status"], (string?)service["disabled_reason"]));
        var servers = await lab.Admin.ServersAsync();
        Assert.DoesNotContain(servers, s => LabAdmin.HostOf(s) == host);
        Assert.All(servers.Where(s => onHost.Contains((string)s["id"]!)), s => Assert.Equal("ACTIVE", (string?)s["status"]));
        Assert.All(await client.ActionsOfAsync(plan), a => Assert.Equal("SUCCEEDED", (string?)a["state"]));
        await lab.Admin.EnableAllHostsAsync();
    }
}
