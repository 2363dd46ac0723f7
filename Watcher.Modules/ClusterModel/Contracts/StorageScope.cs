using System.Text.Json.Nodes;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// The storage part of an audit scope (reference §5.6) applied to a storage model; pure, returns a filtered copy.
/// Include rules (availability_zones, volume_types; <c>*</c> alone = all) are unioned; backends not included are
/// removed with their pools and volumes; then excluded pools (with their volumes), volumes and projects' volumes
/// are removed. Two departures from upstream, both for what an operator expects: the volume_types rule works
/// (upstream's raises, §19 item 12), and include rules that match nothing leave an empty model, as the compute
/// scope does (upstream's storage scope then keeps everything).
/// </summary>
public static class StorageScope
{
    public static StorageModel ApplyScope(StorageModel model, JsonArray? scope)
    {
        var result = model.Clone();
        if (Rules(scope) is not { } rules) return result;

        var allowed = new HashSet<string>();
        var included = false;
        var pools = new HashSet<string>();
        var volumes = new HashSet<string>();
        var projects = new HashSet<string>();
        foreach (var rule in rules.OfType<JsonObject>())
        {
            if (rule["availability_zones"] is JsonArray zones)
            {
                included = true;
                var names = Names(zones, "name", "availability zones");
                allowed.UnionWith(result.Nodes.Where(n => names is null || names.Contains(n.Zone)).Select(n => n.Host));
            }
            else if (rule["volume_types"] is JsonArray types)
            {
                included = true;
                var names = Names(types, "name", "volume_types");
                allowed.UnionWith(result.Nodes.Where(n => names is null || result.TypesServedBy(n.BackendName).Any(names.Contains)).Select(n => n.Host));
            }
            else if (rule["exclude"] is JsonArray exclude)
            {
                foreach (var resource in exclude.OfType<JsonObject>())
                {
                    if (resource["storage_pools"] is JsonArray p) pools.UnionWith(Values(p, "name"));
                    else if (resource["volumes"] is JsonArray v) volumes.UnionWith(Values(v, "uuid"));
                    else if (resource["projects"] is JsonArray pr) projects.UnionWith(Values(pr, "uuid"));
                }
            }
        }

        if (included)
            foreach (var node in result.Nodes.Where(n => !allowed.Contains(n.Host)).ToList()) result.RemoveNode(node);
        foreach (var name in pools)
            if (result.FindPool(name) is { } pool) result.RemovePool(pool);
        foreach (var volume in result.Volumes.Where(v => volumes.Contains(v.Uuid) || projects.Contains(v.ProjectId)).ToList())
            result.RemoveVolume(volume);
        return result;
    }

    /// <summary>The rules of the first "storage" entry of a typed scope; a legacy flat scope is compute-only.</summary>
    private static JsonArray? Rules(JsonArray? scope) =>
        scope?.OfType<JsonObject>().Select(s => s["storage"]).OfType<JsonArray>().FirstOrDefault();

    /// <summary>The listed names, or null for the lone wildcard.</summary>
    private static HashSet<string>? Names(JsonArray items, string key, string resource)
    {
        var names = Values(items, key).ToList();
        if (!names.Contains("*")) return [.. names];
        if (names.Count == 1) return null;
        throw new InvalidRequestException($"You shouldn't use any other IDs of {resource} if you use wildcard character.");
    }

    private static IEnumerable<string> Values(JsonArray items, string key) =>
        items.OfType<JsonObject>().Select(i => ComputeScope.Text(i[key]));
}

/// <summary>The baremetal part of a scope: <c>{"baremetal": [{"exclude": [{"ironic_nodes": [{"uuid"}]}]}]}</c> removes those nodes.</summary>
public static class BaremetalScope
{
    public static BaremetalModel ApplyScope(BaremetalModel model, JsonArray? scope)
    {
        var result = model.Clone();
        var rules = scope?.OfType<JsonObject>().Select(s => s["baremetal"]).OfType<JsonArray>().FirstOrDefault();
        if (rules is null) return result;
        var excluded = rules.OfType<JsonObject>().Select(r => r["exclude"]).OfType<JsonArray>()
            .SelectMany(e => e.OfType<JsonObject>()).Select(e => e["ironic_nodes"]).OfType<JsonArray>()
            .SelectMany(n => n.OfType<JsonObject>()).Select(n => ComputeScope.Text(n["uuid"])).ToHashSet();
        foreach (var node in result.Nodes.Where(n => excluded.Contains(n.Uuid)).ToList()) result.RemoveNode(node);
        return result;
    }
}
