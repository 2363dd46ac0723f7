using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// The compute part of an audit scope (reference §5.6, §10.4) applied to a model. Pure: returns a filtered
/// copy and leaves the given model alone. Storage and baremetal rules are not the compute model's business.
/// </summary>
public static class ComputeScope
{
    /// <summary>
    /// Keeps the hosts the include rules name (aggregates ∪ availability zones; all hosts when there is no
    /// include rule), removes excluded hosts with their instances, and flags excluded instances
    /// (by uuid, project or metadata) with <see cref="Instance.WatcherExclude"/>.
    /// </summary>
    public static ComputeModel ApplyScope(ComputeModel model, JsonArray? scope)
    {
        var result = model.Clone();
        var rules = ComputeRules(scope);
        if (rules is null) return result;

        var allowedHosts = new HashSet<string>();
        var foundNothing = false;
        var excluded = new Exclusions();
        foreach (var rule in rules.OfType<JsonObject>())
        {
            if (rule["host_aggregates"] is JsonArray aggregates)
            {
                allowedHosts.UnionWith(HostsInAggregates(result, aggregates));
                foundNothing |= allowedHosts.Count == 0;
            }
            else if (rule["availability_zones"] is JsonArray zones)
            {
                allowedHosts.UnionWith(HostsInZones(result, zones));
                foundNothing |= allowedHosts.Count == 0;
            }
            else if (rule["exclude"] is JsonArray exclude)
            {
                excluded.Collect(result, exclude);
            }
        }

        var removed = new HashSet<string>(excluded.Hosts);
        if (allowedHosts.Count > 0)
            removed.UnionWith(result.Nodes.Select(n => n.Hostname).Where(h => !allowedHosts.Contains(h)));
        else if (foundNothing)
            removed.UnionWith(result.Nodes.Select(n => n.Hostname));   // includes given, none matched: empty model
        foreach (var hostname in removed)
        {
            if (result.FindNodeByHostname(hostname) is not { } node) continue;
            foreach (var instance in result.InstancesOf(node)) result.RemoveInstance(instance);
            result.RemoveNode(node);
        }

        foreach (var instance in result.Instances)
            if (excluded.Matches(instance)) instance.WatcherExclude = true;
        return result;
    }

    /// <summary>The compute rule list: typed shape's first "compute" entry, or the whole legacy flat list.</summary>
    private static JsonArray? ComputeRules(JsonArray? scope)
    {
        if (scope is null || scope.Count == 0) return null;
        var first = scope[0] as JsonObject;
        var typed = first is not null && (first.ContainsKey("compute") || first.ContainsKey("storage") || first.ContainsKey("baremetal"));
        if (!typed) return scope;
        return scope.OfType<JsonObject>().Select(s => s["compute"]).OfType<JsonArray>().FirstOrDefault();
    }

    // Nodes carry aggregate names only, so {"id": n} rules cannot match a node and contribute nothing;
    // {"id": "*"} is still the wildcard.
    private static IEnumerable<string> HostsInAggregates(ComputeModel model, JsonArray aggregates)
    {
        var ids = aggregates.OfType<JsonObject>().Where(a => a.ContainsKey("id")).Select(a => Text(a["id"])).ToList();
        var names = aggregates.OfType<JsonObject>().Where(a => a.ContainsKey("name")).Select(a => Text(a["name"])).ToList();
        var all = IsWildcard(ids, "host aggregates") | IsWildcard(names, "host aggregates");
        return model.Nodes
            .Where(n => all ? n.Aggregates.Count > 0 : n.Aggregates.Any(names.Contains))
            .Select(n => n.Hostname);
    }

    private static IEnumerable<string> HostsInZones(ComputeModel model, JsonArray zones)
    {
        var names = zones.OfType<JsonObject>().Select(z => Text(z["name"])).ToList();
        var all = IsWildcard(names, "availability zones");
        return model.Nodes
            .Where(n => all || (n.AvailabilityZone is not null && names.Contains(n.AvailabilityZone)))
            .Select(n => n.Hostname);
    }

    private static bool IsWildcard(List<string> values, string resource)
    {
        if (!values.Contains("*")) return false;
        if (values.Count == 1) return true;
        throw new InvalidRequestException($"You shouldn't use any other IDs of {resource} if you use wildcard character.");
    }

    /// <summary>Python-like str() of a scope or metadata value, so 1, "1" and true/"True" compare as upstream does.</summary>
    internal static string Text(JsonNode? node) => node switch
    {
        null => "None",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private sealed class Exclusions
    {
        public HashSet<string> Hosts { get; } = [];
        private readonly HashSet<string> _instances = [];
        private readonly HashSet<string> _projects = [];
        private readonly Dictionary<string, string> _metadata = [];

        public void Collect(ComputeModel model, JsonArray exclude)
        {
            foreach (var resource in exclude.OfType<JsonObject>())
            {
                if (resource["instances"] is JsonArray instances)
                    _instances.UnionWith(instances.OfType<JsonObject>().Select(i => Text(i["uuid"])));
                else if (resource["compute_nodes"] is JsonArray nodes)
                    Hosts.UnionWith(nodes.OfType<JsonObject>().Select(n => Text(n["name"])));
                else if (resource["host_aggregates"] is JsonArray aggregates)
                    Hosts.UnionWith(HostsInAggregates(model, aggregates));
                else if (resource["instance_metadata"] is JsonArray metadata)
                    foreach (var pairs in metadata.OfType<JsonObject>())
                        foreach (var (key, value) in pairs) _metadata[key] = Text(value);
                else if (resource["projects"] is JsonArray projects)
                    _projects.UnionWith(projects.OfType<JsonObject>().Select(p => Text(p["uuid"])));
            }
        }

        // Metadata exclusion is always evaluated (quirk 11 fixed): every listed pair must be present on the
        // instance, values compared case-insensitively as strings.
        public bool Matches(Instance instance) =>
            _instances.Contains(instance.Uuid)
            || _projects.Contains(instance.ProjectId)
            || (_metadata.Count > 0 && _metadata.All(kv =>
                instance.Metadata.TryGetPropertyValue(kv.Key, out var value)
                && string.Equals(Text(value), kv.Value, StringComparison.OrdinalIgnoreCase)));
    }
}
