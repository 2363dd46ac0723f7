using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>node_resource_consolidation's split of the nodes into free, source and destination nodes.</summary>
internal sealed record NodeGroups(List<ComputeNode> Free, List<ComputeNode> Sources, List<ComputeNode> Destinations);

/// <summary>
/// The grouping walk of node_resource_consolidation (reference §7.7 step 3): from the least to the most used
/// node (by vCPUs), each node with instances tries to pack them onto the most used nodes; the walk stops at the
/// first node already chosen as a destination.
/// </summary>
/// <remarks>
/// The model is not changed while grouping, so each node's free resources are read once. Upstream's search for
/// a node in the destination list is linear (cubic overall: over 600 s at 1 000 nodes); a set answers it at once.
/// </remarks>
internal static class NodeGrouping
{
    public static NodeGroups Group(ComputeModel model, List<ComputeNode> nodes, IReadOnlySet<string> failedNodes)
    {
        var free = new List<ComputeNode>();
        var sources = new List<ComputeNode>();
        var destinations = new List<ComputeNode>();
        var isDestination = new HashSet<string>();
        var isSource = new HashSet<string>();
        var used = nodes.ToDictionary(n => n.Uuid, n => model.UsedResources(n));
        var freeResources = new Dictionary<string, NodeResources>();
        var sorted = nodes.OrderBy(n => used[n.Uuid].Vcpus).ToList();   // stable, like Python's sorted

        foreach (var node in sorted)
        {
            if (isDestination.Contains(node.Uuid)) break;
            if (failedNodes.Contains(node.Uuid))
            {
                if (node.Status == NodeStatus.Enabled && isDestination.Add(node.Uuid)) destinations.Add(node);
                continue;
            }
            if (used[node.Uuid].Vcpus <= 0)
            {
                free.Add(node);
                continue;
            }
            var servers = model.InstancesOf(node).ToList();
            for (var d = sorted.Count - 1; d >= 0; d--)
            {
                var destination = sorted[d];
                if (destination.Status == NodeStatus.Disabled || isDestination.Contains(destination.Uuid)) continue;
                if (destination.Uuid == node.Uuid)
                {
                    // Reached itself: it becomes a destination and the walk from the top ends here.
                    isDestination.Add(node.Uuid);
                    destinations.Add(node);
                    break;
                }
                if (!freeResources.TryGetValue(destination.Uuid, out var room))
                    freeResources[destination.Uuid] = room = model.FreeResources(destination);
                if (TakeWhatFits(servers, room))
                {
                    isDestination.Add(destination.Uuid);
                    destinations.Add(destination);
                    if (isSource.Add(node.Uuid)) sources.Add(node);
                }
                if (servers.Count == 0) break;
            }
        }
        return new NodeGroups(free, sources, destinations);
    }

    /// <summary>
    /// Upstream's check_resources: greedily subtract each instance that still fits (vCPU and memory) from the
    /// destination's free resources and remove it from <paramref name="servers"/>. Removing while walking the list
    /// skips the instance after each removed one — kept, upstream's groupings depend on it (§19 item 17).
    /// </summary>
    private static bool TakeWhatFits(List<Instance> servers, NodeResources room)
    {
        double vcpus = room.Vcpus, memory = room.Memory;
        var took = false;
        for (var i = 0; i < servers.Count; i++)
        {
            var server = servers[i];
            if (vcpus < server.Vcpus || memory < server.Memory) continue;
            vcpus -= server.Vcpus;
            memory -= server.Memory;
            took = true;
            servers.RemoveAt(i);   // the loop's i++ then steps over the next instance, as upstream's iterator does
        }
        return took;
    }
}
