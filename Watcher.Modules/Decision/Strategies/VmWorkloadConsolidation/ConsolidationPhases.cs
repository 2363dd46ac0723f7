using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Decision.Strategies.VmWorkloadConsolidation;

/// <summary>The two first-fit bin-packing phases of vm_workload_consolidation (reference §7.6, upstream master).</summary>
internal sealed class ConsolidationPhases(ComputeModel model, UtilizationTracker usage, ConsolidationPlan plan)
{
    /// <summary>"up-any": service up, enabled or disabled, in model order.</summary>
    public List<ComputeNode> AvailableNodes() =>
        model.Nodes.Where(n => n.IsUp && n.Status is NodeStatus.Enabled or NodeStatus.Disabled).ToList();

    private List<ComputeNode> NodesByCpu() => AvailableNodes().OrderBy(n => usage.Node(n).Cpu).ToList();

    /// <summary>Moves the least busy instances off overloaded nodes, onto the busiest nodes that can take them.</summary>
    public void Offload()
    {
        var sorted = NodesByCpu();
        var byLoadDescending = Enumerable.Reverse(sorted).ToList();
        var destinations = new FirstFitIndex(usage, byLoadDescending);
        foreach (var node in byLoadDescending)
        {
            if (!usage.IsOverloaded(node)) continue;
            foreach (var instance in model.InstancesOf(node).OrderBy(i => usage.Instance(i).Cpu).ToList())
            {
                if (instance.WatcherExclude) continue;
                if (destinations.FindFirstFit(instance, byLoadDescending.Count) is { } destination)
                    Move(instance, node, destination, destinations);
                if (!usage.IsOverloaded(node)) break;
            }
        }
    }

    /// <summary>
    /// Empties the least busy nodes: their busiest instances go to busier nodes only (the destination index must
    /// stay above the source's), first fit from the busiest down.
    /// </summary>
    public void Consolidate()
    {
        var sorted = NodesByCpu();
        var byLoadDescending = Enumerable.Reverse(sorted).ToList();
        var destinations = new FirstFitIndex(usage, byLoadDescending);
        for (var asc = 0; asc < sorted.Count; asc++)
        {
            var node = sorted[asc];
            var instances = model.InstancesOf(node).OrderBy(i => usage.Instance(i).Cpu).Reverse().ToList();
            // Upstream counts down from the busiest node and stops when it reaches this one's rank: only the nodes
            // busier than this one (the first Count-1-asc of the descending order) are candidates.
            var candidates = sorted.Count - 1 - asc;
            foreach (var instance in instances)
            {
                if (instance.WatcherExclude) continue;
                if (destinations.FindFirstFit(instance, candidates) is { } destination)
                    Move(instance, node, destination, destinations);
            }
        }
    }

    /// <summary>Plans the move, then lets the index re-read the two nodes it changed.</summary>
    private void Move(Instance instance, ComputeNode source, ComputeNode destination, FirstFitIndex destinations)
    {
        plan.AddMigration(instance, source, destination);
        destinations.Refresh(source);
        destinations.Refresh(destination);
    }

    /// <summary>Disables every available node left without instances that is not disabled already.</summary>
    public void DisableUnused()
    {
        foreach (var node in AvailableNodes())
            if (model.InstancesOf(node).Count == 0 && node.Status != NodeStatus.Disabled)
                plan.AddDisable(node);
    }
}
