using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>A Nova server group: its policy and its members (server ids). Mutated only under the cloud's lock.</summary>
internal sealed class SimServerGroup(string name, string policy)
{
    public string Name { get; } = name;
    /// <summary>affinity, anti-affinity (enforced by the scheduler), soft-affinity, soft-anti-affinity (not enforced).</summary>
    public string Policy { get; } = policy;
    public HashSet<string> Members { get; } = [];
}

/// <summary>
/// What the simulator reads from a scenario file beyond the shared watcher-scenario/1 format (whose readers ignore
/// unknown keys): server groups, the availability zone a server was booted into, and extra flavors.
/// <code>
/// "server_groups": [{"name": "db", "policy": "anti-affinity", "members": ["&lt;server uuid&gt;", ...]}],
/// "instances": [{..., "availability_zone": "az-1"}],
/// "flavors": [{"id": "42", "name": "m1.huge", "vcpus": 16, "memory_mb": 32768, "disk_gb": 320}]
/// </code>
/// </summary>
public sealed class ScenarioPlacementRules
{
    public static readonly string[] Policies = ["affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"];

    /// <summary>Group name → (policy, member server ids).</summary>
    public IReadOnlyList<(string Name, string Policy, IReadOnlyList<string> Members)> ServerGroups { get; init; } = [];

    /// <summary>Server id → the availability zone it was booted into.</summary>
    public IReadOnlyDictionary<string, string> PinnedZones { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<Flavor> Flavors { get; init; } = [];

    public static ScenarioPlacementRules None { get; } = new();

    public static ScenarioPlacementRules Parse(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject root) return None;
        var groups = new List<(string, string, IReadOnlyList<string>)>();
        foreach (var g in (root["server_groups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Text(g, "name") ?? throw new FormatException("server group without name");
            var policy = Text(g, "policy") ?? throw new FormatException($"server group {name} without policy");
            if (!Policies.Contains(policy))
                throw new FormatException($"server group {name}: unknown policy '{policy}' (use one of {string.Join(", ", Policies)})");
            groups.Add((name, policy, (g["members"] as JsonArray ?? []).Select(m => m!.GetValue<string>()).ToList()));
        }
        var zones = new Dictionary<string, string>();
        foreach (var i in (root["instances"] as JsonArray ?? []).OfType<JsonObject>())
            if (Text(i, "uuid") is { } id && Text(i, "availability_zone") is { } zone) zones[id] = zone;
        var flavors = (root["flavors"] as JsonArray ?? []).OfType<JsonObject>().Select(f => new Flavor(
            Text(f, "id") ?? Text(f, "name") ?? throw new FormatException("flavor without id or name"),
            Text(f, "name") ?? Text(f, "id")!,
            Int(f, "vcpus"), Int(f, "memory_mb"), Int(f, "disk_gb"))).ToList();
        return new ScenarioPlacementRules { ServerGroups = groups, PinnedZones = zones, Flavors = flavors };
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int Int(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)v.GetValue<double>() : 0;
}
