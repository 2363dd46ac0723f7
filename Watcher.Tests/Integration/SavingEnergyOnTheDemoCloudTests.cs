using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// saving_energy on the embedded demo cloud through the real API, with its two Ironic nodes (behind compute-2 and
/// compute-3). Once their servers have moved away both are idle: the default reserve of one idle host keeps one
/// powered on and the plan powers the other off. When the host kept in reserve takes a server, no idle powered-on
/// host is left, and the next audit powers the other one back on.
/// </summary>
public class SavingEnergyOnTheDemoCloudTests
{
    private const string IronicCompute2 = "b4e70000-0000-4000-8000-000000000000";
    private const string IronicCompute3 = "b4e70000-0000-4000-8000-000000000001";

    private static WatcherAppFactory DemoCloud() =>
        new("lifecycle_consolidation.json", new Dictionary<string, string?>
        {
            ["Watcher:Simulator:ScenarioFile"] = "",
            ["Watcher:Simulator:NodePowerSeconds"] = "0.05",
            ["Watcher:ActionPolling:NodePowerInterval"] = "0.02",
        });

    [Fact]
    public async Task IdleIronicNodes_ArePoweredOff_AndOneComesBackOn_WhenTheReserveIsUsed()
    {
        using var factory = DemoCloud();
        var client = factory.Operator();
        var nova = factory.Services.GetRequiredService<IComputeCloud>();
        var power = factory.Services.GetRequiredService<INodePower>();
        foreach (var vm in new[] { "vm-app-1", "vm-app-2", "vm-batch-1" }) await MoveAsync(factory, vm, "compute-0");

        var first = await PowerPlanAsync(client, """{"audit_type": "ONESHOT", "goal": "saving_energy", "strategy": "saving_energy", "parameters": {"seed": 1}}""");
        var off = Assert.Single(first);
        Assert.Equal("off", off.State);
        Assert.Contains(off.Node, new[] { IronicCompute2, IronicCompute3 });
        var reserve = off.Node == IronicCompute2 ? IronicCompute3 : IronicCompute2;
        Assert.Equal("off", (await power.GetNodePowerAsync(off.Node))!.PowerState);
        Assert.Equal("on", (await power.GetNodePowerAsync(reserve))!.PowerState);
        // The simulated host went down with its machine.
        var offHost = off.Node == IronicCompute2 ? "compute-2" : "compute-3";
        Assert.Equal("down", (await nova.ListComputeServicesAsync()).Single(s => s.Host == offHost).State);

        // The reserve host takes a server: free capacity is below the reserve of one idle host.
        await MoveAsync(factory, "vm-web-1", off.Node == IronicCompute2 ? "compute-3" : "compute-2");
        var second = await PowerPlanAsync(client, """{"audit_type": "ONESHOT", "goal": "saving_energy"}""");

        Assert.Equal([(off.Node, "on")], second.Select(a => (a.Node, a.State)));
        Assert.Equal("on", (await power.GetNodePowerAsync(off.Node))!.PowerState);
        Assert.Equal("up", (await nova.ListComputeServicesAsync()).Single(s => s.Host == offHost).State);
    }

    /// <summary>Audit → plan of change_node_power_state actions → applied; the actions' (node, state).</summary>
    private static async Task<List<(string Node, string State)>> PowerPlanAsync(HttpClient client, string auditJson)
    {
        var audit = await client.CreateAuditAsync(auditJson);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
        var actions = await client.ActionsOfAsync(plan);
        Assert.All(actions, a => Assert.Equal("change_node_power_state", (string?)a["action_type"]));
        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");
        return actions.Select(a => ((string)a["input_parameters"]!["resource_id"]!, (string)a["input_parameters"]!["state"]!)).ToList();
    }

    /// <summary>The operator moves a server (outside Watcher), and the compute model is synced afterwards.</summary>
    private static async Task MoveAsync(WatcherAppFactory factory, string serverName, string host)
    {
        var nova = factory.Services.GetRequiredService<IComputeCloud>();
        var server = (await nova.ListServersAsync()).Single(s => s.Name == serverName);
        await nova.LiveMigrateAsync(server.Id, host);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await nova.GetServerAsync(server.Id))!.Host != host || (await nova.GetServerAsync(server.Id))!.Status != "ACTIVE")
        {
            Assert.True(DateTime.UtcNow < deadline, $"{serverName} did not reach {host}");
            await Task.Delay(20);
        }
        await factory.Services.GetRequiredService<ComputeModelStore>().RebuildAsync(default);
    }
}
