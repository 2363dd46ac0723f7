using System.Text.Json.Nodes;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>Our compute model, read through GET /v1/data_model, against what the openstack CLI says about the lab.</summary>
[Collection(OpenStackLabCollection.Name)]
public sealed class ComputeModelMatchesOpenStackTests(OpenStackLab lab)
{
    [LabFact]
    public async Task HostsCapacitiesServersAndPlacement_EqualTheCli()
    {
        await lab.Admin.SpreadServersAsync();
        using var watcher = new LabWatcher();

        var rows = await watcher.DataModelAsync();
        var hypervisors = (await OpenStackLab.CliAsync("--os-compute-api-version 2.53 hypervisor list --long")).AsArray();
        var services = (await OpenStackLab.CliAsync("compute service list --service nova-compute")).AsArray();
        var servers = (await OpenStackLab.CliAsync("server list --all-projects --long")).AsArray();
        var flavors = (await OpenStackLab.CliAsync("flavor list --all")).AsArray().ToDictionary(f => (string)f!["Name"]!);

        // Hosts: one node per hypervisor, same UUID, hostname, state and service status.
        var nodes = rows.GroupBy(r => (string)r["node_uuid"]!).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(hypervisors.Select(h => (string)h!["ID"]!).Order(), nodes.Keys.Order());
        foreach (var hypervisor in hypervisors)
        {
            var node = nodes[(string)hypervisor!["ID"]!];
            var hostname = (string)hypervisor["Hypervisor Hostname"]!;
            var service = services.Single(s => (string?)s!["Host"] == hostname)!;
            Assert.Equal(hostname, (string?)node["node_hostname"]);
            Assert.Equal((string?)hypervisor["State"], (string?)node["node_state"]);
            Assert.Equal((string?)service["Status"], (string?)node["node_status"]);

            // Capacity: Placement's inventory of that provider, class by class.
            var inventory = (await OpenStackLab.CliAsync($"resource provider inventory list {hypervisor["ID"]}")).AsArray()
                .ToDictionary(i => (string)i!["resource_class"]!);
            AssertInventory(inventory["VCPU"]!, node, "node_vcpus", "node_vcpu_reserved", "node_vcpu_ratio");
            AssertInventory(inventory["MEMORY_MB"]!, node, "node_memory", "node_memory_mb_reserved", "node_memory_ratio");
            AssertInventory(inventory["DISK_GB"]!, node, "node_disk", "node_disk_gb_reserved", "node_disk_ratio");
        }

        // Servers: each on the host Nova says, with its name, state and flavor's size.
        var modelServers = rows.Where(r => r["server_uuid"] is not null).ToDictionary(r => (string)r["server_uuid"]!);
        var placed = servers.Where(s => s!["Host"] is JsonValue).ToList();
        Assert.Equal(placed.Select(s => (string)s!["ID"]!).Order(), modelServers.Keys.Order());
        foreach (var server in placed)
        {
            var row = modelServers[(string)server!["ID"]!];
            var flavor = flavors[(string)server["Flavor Name"]!]!;
            Assert.Equal((string?)server["Host"], (string?)row["node_hostname"]);
            Assert.Equal((string?)server["Name"], (string?)row["server_name"]);
            Assert.Equal(((string)server["Status"]!).ToLowerInvariant(), (string?)row["server_state"]);
            Assert.Equal(((int)flavor["VCPUs"]!, (int)flavor["RAM"]!, (int)flavor["Disk"]!),
                ((int)row["server_vcpus"]!, (int)row["server_memory"]!, (int)row["server_disk"]!));
        }
        Assert.Equal(4, placed.Count(s => ((string)s!["Name"]!).StartsWith("oslab-vm-")));
    }

    private static void AssertInventory(JsonNode inventory, JsonNode node, string total, string reserved, string ratio)
    {
        Assert.Equal((int)inventory["total"]!, (int)node[total]!);
        Assert.Equal((int)inventory["reserved"]!, (int)node[reserved]!);
        Assert.Equal((double)inventory["allocation_ratio"]!, (double)node[ratio]!);
    }
}
