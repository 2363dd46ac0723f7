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
        var saturated = new HashSet<string>();
        foreach (var node in byLoadDescending)
        {
            if (!usage.IsOverloaded(node)) continue;
            foreach (var instance in model.InstancesOf(node).OrderBy(i => usage.Instance(i).Cpu).ToList())
            {
                if (instance.WatcherExclude) continue;
                foreach (var destination in byLoadDescending)
                {
                    if (saturated.Contains(destination.Hostname)) continue;
                    if (usage.Fits(instance, destination))
                    {
                        plan.AddMigration(instance, node, destination);
                        break;
                    }
                    if (usage.IsSaturated(destination)) saturated.Add(destination.Hostname);
                }
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
        var saturated = new HashSet<string>();
        for (var asc = 0; asc < sorted.Count; asc++)
        {
            var node = sorted[asc];
            var instances = model.InstancesOf(node).OrderBy(i => usage.Instance(i).Cpu).Reverse().ToList();
            foreach (var instance in instances)
            {
                if (instance.WatcherExclude) continue;
                var dsc = sorted.Count - 1;
                foreach (var destination in byLoadDescending)
                {
                    if (saturated.Contains(destination.Hostname))
                    {
                        dsc--;
                        continue;
                    }
                    if (asc >= dsc) break;
                    if (usage.Fits(instance, destination))
                    {
                        plan.AddMigration(instance, node, destination);
                        break;
                    }
                    if (usage.IsSaturated(destination)) saturated.Add(destination.Hostname);
                    dsc--;
                }
            }
        }
    }

    /// <summary>Disables every available node left without instances that is not disabled already.</summary>
    public void DisableUnused()
    {
        foreach (var node in AvailableNodes())
            if (model.InstancesOf(node).Count == 0 && node.Status != NodeStatus.Disabled)
                plan.AddDisable(node);
    }
}
