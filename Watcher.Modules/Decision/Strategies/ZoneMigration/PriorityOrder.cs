using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Decision.Strategies.ZoneMigration;

/// <summary>
/// zone_migration's <c>priority</c> parameter applied to the instances to move, as upstream applies it: the
/// priority keys in reverse declaration order, each key's values from last to first, so the first key and the
/// first value end up deciding the front of the list. project / compute_node move matching instances to the
/// front (keeping their order); compute sorts by size (descending) or creation time (ascending). For volumes,
/// project / storage_pool move matching ones to the front and storage sorts by size (descending) or creation time
/// (ascending).
/// </summary>
internal static class PriorityOrder
{
    public static List<Instance> Apply(JsonObject? priority, List<Instance> instances, ComputeModel model)
    {
        if (priority is null || priority.Count == 0 || instances.Count == 0) return instances;
        foreach (var (key, value) in priority.Reverse())
        {
            var conditions = value is JsonArray list ? list.Select(v => v?.GetValue<string>()).ToList() : [value?.GetValue<string>()];
            for (var i = conditions.Count - 1; i >= 0; i--)
            {
                var condition = conditions[i];
                if (string.IsNullOrEmpty(condition)) continue;
                instances = key switch
                {
                    "project" => ToFront(instances, x => x.ProjectId == condition),
                    "compute_node" => ToFront(instances, x => model.NodeOf(x)?.Hostname == condition),
                    "compute" => SortBySpec(instances, condition),
                    _ => instances,
                };
            }
        }
        return instances;
    }

    public static List<Volume> Apply(JsonObject? priority, List<Volume> volumes)
    {
        if (priority is null || priority.Count == 0 || volumes.Count == 0) return volumes;
        foreach (var (key, value) in priority.Reverse())
        {
            var conditions = value is JsonArray list ? list.Select(v => v?.GetValue<string>()).ToList() : [value?.GetValue<string>()];
            for (var i = conditions.Count - 1; i >= 0; i--)
            {
                var condition = conditions[i];
                if (string.IsNullOrEmpty(condition)) continue;
                volumes = key switch
                {
                    "project" => ToFront(volumes, x => x.ProjectId == condition),
                    "storage_pool" => ToFront(volumes, x => x.Host == condition),
                    "storage" when condition == "size" => [.. volumes.OrderByDescending(x => x.Size)],
                    "storage" when condition == "created_at" => [.. volumes.OrderBy(x => x.CreatedAt ?? DateTimeOffset.MinValue)],
                    _ => volumes,
                };
            }
        }
        return volumes;
    }

    private static List<T> ToFront<T>(List<T> items, Func<T, bool> matches) =>
        [.. items.Where(matches), .. items.Where(x => !matches(x))];

    private static List<Instance> SortBySpec(List<Instance> items, string key) => key switch
    {
        "vcpu_num" => [.. items.OrderByDescending(x => x.Vcpus)],
        "mem_size" => [.. items.OrderByDescending(x => x.Memory)],
        "disk_size" => [.. items.OrderByDescending(x => x.Disk)],
        "created_at" => [.. items.OrderBy(x => x.Created ?? DateTimeOffset.MinValue)],
        _ => items,
    };
}
