using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Api.DataModel;

/// <summary>
/// A simple reading of an audit's compute scope for display (reference §5.6): include by host aggregate and
/// availability zone, remove excluded nodes (by name or aggregate), flag excluded instances (uuid, project).
/// </summary>
public static class DataModelScope
{
    public static void Apply(ComputeModel model, JsonArray scope)
    {
        var rules = scope.OfType<JsonObject>().Select(o => o["compute"]).OfType<JsonArray>()
            .SelectMany(r => r).OfType<JsonObject>().ToList();
        if (rules.Count == 0) return;

        var aggregates = Values(rules.Select(r => r["host_aggregates"]), "id", "name");
        var zones = Values(rules.Select(r => r["availability_zones"]), "name");
        var excludes = rules.Select(r => r["exclude"]).OfType<JsonArray>().SelectMany(e => e).OfType<JsonObject>().ToList();
        var excludedNodes = Values(excludes.Select(e => e["compute_nodes"]), "name");
        var excludedAggregates = Values(excludes.Select(e => e["host_aggregates"]), "id", "name");
        var excludedInstances = Values(excludes.Select(e => e["instances"]), "uuid");
        var excludedProjects = Values(excludes.Select(e => e["projects"]), "uuid");
        var restrict = rules.Any(r => r.ContainsKey("host_aggregates") || r.ContainsKey("availability_zones"));

        foreach (var node in model.Nodes.ToList())
        {
            var included = !restrict
                || aggregates.Contains("*") || node.Aggregates.Any(aggregates.Contains)
                || zones.Contains("*") || (node.AvailabilityZone is { } az && zones.Contains(az));
            var excluded = excludedNodes.Contains(node.Hostname) || node.Aggregates.Any(excludedAggregates.Contains);
            if (!included || excluded)
            {
                foreach (var instance in model.InstancesOf(node)) model.RemoveInstance(instance);
                model.RemoveNode(node);
            }
        }
        foreach (var instance in model.Instances)
            if (excludedInstances.Contains(instance.Uuid) || excludedProjects.Contains(instance.ProjectId))
                instance.WatcherExclude = true;
    }

    private static HashSet<string> Values(IEnumerable<JsonNode?> lists, params string[] keys) =>
        lists.OfType<JsonArray>().SelectMany(l => l).OfType<JsonObject>()
            .SelectMany(o => keys.Select(k => o[k]))
            .Where(v => v is not null)
            .Select(v => Wire.AsString(v) ?? v!.ToJsonString())
            .ToHashSet(StringComparer.Ordinal);
}
