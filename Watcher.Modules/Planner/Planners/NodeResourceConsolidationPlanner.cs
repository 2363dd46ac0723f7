using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Planner.Contracts;

namespace Watcher.Modules.Planner.Planners;

/// <summary>
/// node_resource_consolidation's planner (reference §8.3): disable the nodes first (all at once), then migrate —
/// a chain per source node, the chains side by side, each starting after every disable — and re-enable the nodes
/// once the last migration of every chain is done. Only service-state changes and migrations are accepted.
/// </summary>
public sealed class NodeResourceConsolidationPlanner : IPlanner
{
    public const string PluginName = "node_resource_consolidation";

    /// <summary>Parent entries above which the disables implied through a chain are not repeated.</summary>
    public const long ExactEdgeLimit = 1_000_000;

    public string Name => PluginName;

    public IReadOnlyList<PlannedAction> Schedule(Solution solution)
    {
        var disables = new List<PlannedAction>();
        var enables = new List<SolutionAction>();
        var chains = new List<List<SolutionAction>>();
        var chainOf = new Dictionary<string, List<SolutionAction>>();
        foreach (var action in solution.Actions)
        {
            switch (action.ActionType)
            {
                case "change_nova_service_state" when action.InputParameters["state"]?.GetValue<string>() == "disabled":
                    // Upstream leaves parents unset (None) on the disables; its database column stores that as [].
                    disables.Add(new PlannedAction(NewUuid(), action.ActionType, Copy(action), []));
                    break;
                case "change_nova_service_state":
                    enables.Add(action);
                    break;
                case "migrate":
                    var source = action.InputParameters["source_node"]?.GetValue<string>() ?? "";
                    if (!chainOf.TryGetValue(source, out var chain))
                    {
                        chainOf[source] = chain = [];
                        chains.Add(chain);
                    }
                    chain.Add(action);
                    break;
                default:
                    throw new PlanningFailedException($"Provided {action.ActionType} is not supported yet");
            }
        }

        var planned = new List<PlannedAction>(disables);
        var disableUuids = disables.Select(d => d.Uuid).ToList();
        var migrations = chains.Sum(c => (long)c.Count);
        var repeatDisables = (long)disableUuids.Count * migrations <= ExactEdgeLimit;
        var chainEnds = new List<string>();
        foreach (var chain in chains)
        {
            IReadOnlyList<string> parents = disableUuids;
            foreach (var action in chain)
            {
                var migration = new PlannedAction(NewUuid(), action.ActionType, Copy(action), parents);
                planned.Add(migration);
                parents = repeatDisables ? [.. disableUuids, migration.Uuid] : [migration.Uuid];
            }
            chainEnds.Add(planned[^1].Uuid);
        }
        foreach (var action in enables)
            planned.Add(new PlannedAction(NewUuid(), action.ActionType, Copy(action), chainEnds));
        return planned;
    }

    private static string NewUuid() => Guid.NewGuid().ToString();

    private static System.Text.Json.Nodes.JsonObject Copy(SolutionAction action) =>
        action.InputParameters.DeepClone().AsObject();
}
