using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Decision.Strategies.NodeResourceConsolidation;

/// <summary>node_resource_consolidation's split of the nodes into free, source and destination nodes.</summary>
internal sealed record NodeGroups(List<ComputeNode> Free, List<ComputeNode> Sources, List<ComputeNode> Destinations);

/// <summary>
/// The grouping walk of node_resource_consolidation (reference §7.7 step 3): from the least to the most used
/// node (by vCPUs), each node with instances tries to pack them onto the most used nodes; the walk stops at the
/// first node already chosen as a destination.
/// </summary>
/// <remarks>
/// Upstream walks every candidate from the top for every source, re-checking the full ones each time (cubic:
/// over 600 s at 1 000 nodes). The model does not change while grouping, so each node's free vCPUs and memory are
/// fixed; a destination takes something exactly when one of the remaining instances fits it on its own (the walk
/// looks at every instance until the first fit). A max-tree over the walk order finds the next node from the top
/// that could take one, skipping disabled nodes and chosen destinations, and the exact packing step confirms it.
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
        var sorted = nodes.OrderBy(n => used[n.Uuid].Vcpus).ToList();   // stable, like Python's sorted
        var room = new Candidates(sorted.Select(n => n.Status == NodeStatus.Disabled ? null : (NodeResources?)model.FreeResources(n)).ToList());

        for (var index = 0; index < sorted.Count; index++)
        {
            var node = sorted[index];
            if (isDestination.Contains(node.Uuid)) break;
            if (failedNodes.Contains(node.Uuid))
            {
                if (node.Status == NodeStatus.Enabled && isDestination.Add(node.Uuid))
                {
                    destinations.Add(node);
                    room.Remove(index);
                }
                continue;
            }
            if (used[node.Uuid].Vcpus <= 0)
            {
                free.Add(node);
                continue;
            }

            var servers = model.InstancesOf(node).ToList();
            // Upstream walks down from the most used node and stops on reaching this one (which then becomes a
            // destination) — unless it is disabled: then it is skipped and the walk goes on below it.
            var reachesItself = node.Status != NodeStatus.Disabled;
            var from = sorted.Count - 1;
            while (servers.Count > 0)
            {
                var lowest = reachesItself ? index + 1 : 0;
                var candidate = room.HighestThatMayTake(servers, from, lowest, skip: index);
                if (candidate < 0) break;
                if (TakeWhatFits(servers, room.Free(candidate)))
                {
                    isDestination.Add(sorted[candidate].Uuid);
                    destinations.Add(sorted[candidate]);
                    room.Remove(candidate);
                    if (isSource.Add(node.Uuid)) sources.Add(node);
                }
                from = candidate - 1;
            }
            if (servers.Count > 0 && reachesItself)
            {
                isDestination.Add(node.Uuid);
                destinations.Add(node);
                room.Remove(index);
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

    /// <summary>
    /// Candidate destinations by walk position, with the largest free vCPUs and memory per subtree; disabled nodes
    /// and chosen destinations are removed.
    /// </summary>
    private sealed class Candidates
    {
        private readonly int _size;
        private readonly double[] _vcpus;
        private readonly double[] _memory;
        private readonly NodeResources?[] _free;

        public Candidates(IReadOnlyList<NodeResources?> free)
        {
            _free = [.. free];
            _size = 1;
            while (_size < Math.Max(1, free.Count)) _size <<= 1;
            _vcpus = new double[2 * _size];
            _memory = new double[2 * _size];
            Array.Fill(_vcpus, double.NegativeInfinity);
            Array.Fill(_memory, double.NegativeInfinity);
            for (var p = 0; p < free.Count; p++)
                if (free[p] is { } r) (_vcpus[_size + p], _memory[_size + p]) = (r.Vcpus, r.Memory);
            for (var t = _size - 1; t >= 1; t--) Pull(t);
        }

        public NodeResources Free(int position) => _free[position]!.Value;

        public void Remove(int position)
        {
            _free[position] = null;
            var t = position + _size;
            (_vcpus[t], _memory[t]) = (double.NegativeInfinity, double.NegativeInfinity);
            for (t >>= 1; t >= 1; t >>= 1) Pull(t);
        }

        /// <summary>The highest position in [lowest, highest], other than <paramref name="skip"/>, where some server fits alone.</summary>
        public int HighestThatMayTake(List<Instance> servers, int highest, int lowest, int skip)
        {
            if (highest < lowest) return -1;
            double minVcpus = servers.Min(s => s.Vcpus), minMemory = servers.Min(s => s.Memory);
            return Search(1, 0, _size - 1, lowest, highest, minVcpus, minMemory, servers, skip);
        }

        private int Search(int t, int lo, int hi, int lowest, int highest, double minVcpus, double minMemory,
            List<Instance> servers, int skip)
        {
            if (hi < lowest || lo > highest || _vcpus[t] < minVcpus || _memory[t] < minMemory) return -1;
            if (lo == hi)
            {
                if (lo == skip) return -1;
                var room = _free[lo]!.Value;
                return servers.Any(s => s.Vcpus <= room.Vcpus && s.Memory <= room.Memory) ? lo : -1;
            }
            var mid = (lo + hi) >> 1;
            var right = Search(2 * t + 1, mid + 1, hi, lowest, highest, minVcpus, minMemory, servers, skip);
            return right >= 0 ? right : Search(2 * t, lo, mid, lowest, highest, minVcpus, minMemory, servers, skip);
        }

        private void Pull(int t)
        {
            _vcpus[t] = Math.Max(_vcpus[2 * t], _vcpus[2 * t + 1]);
            _memory[t] = Math.Max(_memory[2 * t], _memory[2 * t + 1]);
        }
    }
}
