namespace Watcher.Modules.Cloud.Simulator;

/// <summary>Server groups, booted-into zones and the flavor catalog, from the scenario's extra keys.</summary>
public sealed partial class SimulatedCloud
{
    /// <summary>OpenStack's classic flavors, offered beside the scenario's own (for resize).</summary>
    private static readonly Flavor[] StandardFlavors =
    [
        new("1", "m1.tiny", 1, 512, 1), new("2", "m1.small", 1, 2048, 20), new("3", "m1.medium", 2, 4096, 40),
        new("4", "m1.large", 4, 8192, 80), new("5", "m1.xlarge", 8, 16384, 160),
    ];

    private readonly List<SimServerGroup> _groups = [];
    private readonly List<Flavor> _flavors = [];

    private void ApplyPlacementRules(ScenarioPlacementRules rules)
    {
        foreach (var (name, policy, members) in rules.ServerGroups)
        {
            var group = new SimServerGroup(name, policy);
            foreach (var id in members)
            {
                var server = FindServer(id) ?? throw new FormatException($"server group {name}: unknown member {id}");
                if (server.Group is { } other) throw new FormatException($"server {id} is in two server groups ({other.Name}, {name})");
                group.Members.Add(id);
                server.Group = group;
            }
            _groups.Add(group);
        }
        foreach (var (id, zone) in rules.PinnedZones)
            if (FindServer(id) is { } server) server.PinnedAvailabilityZone = zone;

        // The catalog: scenario flavors, then the standard ones, then each server's inline flavor (ids never clash).
        foreach (var flavor in rules.Flavors.Concat(StandardFlavors))
            if (!_flavors.Any(f => f.Id == flavor.Id || f.Name == flavor.Name)) _flavors.Add(flavor);
        foreach (var s in _servers)
            if (!_flavors.Any(f => f.Id == s.FlavorName || f.Name == s.FlavorName))
                _flavors.Add(new Flavor(s.FlavorName, s.FlavorName, s.Vcpus, s.MemoryMb, s.DiskGb));
    }

    /// <summary>A flavor by id, else by name (as novaclient resolves it).</summary>
    private Flavor? FindFlavor(string idOrName) =>
        _flavors.FirstOrDefault(f => f.Id == idOrName) ?? _flavors.FirstOrDefault(f => f.Name == idOrName);
}
