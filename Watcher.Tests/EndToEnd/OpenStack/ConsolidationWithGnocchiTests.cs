using System.Text.Json.Nodes;
using Watcher.Tests.Integration;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>A server_consolidation audit reading the lab's Gnocchi, its plan executed on Nova.</summary>
[Collection(OpenStackLabCollection.Name)]
public sealed class ConsolidationWithGnocchiTests(OpenStackLab lab)
{
    private static string GnocchiLog => Path.Combine(OpenStackLab.State, "log", "gnocchi-api.log");

    [LabFact]
    public async Task TheAudit_ReadsGnocchi_AndTheAppliedPlan_LeavesServersWhereItSaid()
    {
        var spread = await lab.Admin.SpreadServersAsync();
        var queriesBefore = spread.Keys.ToDictionary(id => id, id => MeasureQueries(id));
        using var watcher = new LabWatcher();
        var client = watcher.Operator();

        var plan = await watcher.RecommendAsync(client,
            """{"audit_type": "ONESHOT", "goal": "server_consolidation", "strategy": "vm_workload_consolidation"}""");

        // Gnocchi's own access log shows the strategy read every server's measures.
        await LabAdmin.WaitAsync("Gnocchi's access log to show the queries", () =>
            Task.FromResult(spread.Keys.All(id => MeasureQueries(id) > queriesBefore[id])), TimeSpan.FromSeconds(30));
        var actions = await client.ActionsOfAsync(plan);
        var migrations = actions.Where(a => (string?)a["action_type"] == "migrate").Select(a => a["input_parameters"]!).ToList();
        var disabled = actions.Where(a => (string?)a["action_type"] == "change_nova_service_state")
            .Select(a => (string)a["input_parameters"]!["resource_name"]!).ToList();
        Assert.NotEmpty(migrations);
        Assert.NotEmpty(disabled);

        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED", LabWatcher.PlanPatience);

        var servers = (await lab.Admin.ServersAsync()).ToDictionary(s => (string)s["id"]!);
        foreach (var migration in migrations)
        {
            var server = servers[(string)migration["resource_id"]!];
            Assert.Equal((string?)migration["destination_node"], LabAdmin.HostOf(server));
            Assert.Equal("ACTIVE", (string?)server["status"]);
        }
        var services = (await lab.Admin.ComputeServicesAsync()).ToDictionary(s => (string)s["host"]!);
        foreach (var host in disabled)
        {
            Assert.Equal("disabled", (string?)services[host]["status"]);
            Assert.DoesNotContain(servers.Values, s => LabAdmin.HostOf(s) == host);
        }
        await lab.Admin.EnableAllHostsAsync();
    }

    /// <summary>GET .../measures requests Gnocchi logged for this resource so far.</summary>
    private static int MeasureQueries(string resourceId)
    {
        using var stream = new FileStream(GnocchiLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
            if (line.Contains("GET /v1/resource/generic/") && line.Contains("/measures") && line.Contains(resourceId)) count++;
        return count;
    }
}
