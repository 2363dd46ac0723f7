using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Strategies.VmWorkloadConsolidation;

/// <summary>
/// The solution being built plus the counters behind the indicators. Every planned move goes through
/// <see cref="AddMigration"/>, which keeps the model, the utilisation caches and the actions in step.
/// </summary>
internal sealed class ConsolidationPlan(ComputeModel model, UtilizationTracker usage)
{
    public const string ReasonForDisable = "watcher_disabled";

    public Solution Solution { get; } = new();
    public int Migrations { get; private set; }
    public int ReleasedNodes { get; private set; }

    public void AddMigration(Instance instance, ComputeNode source, ComputeNode destination)
    {
        string migrationType;
        if (instance.State is InstanceState.Active or InstanceState.Paused) migrationType = "live";
        else if (instance.State == InstanceState.Stopped) migrationType = "cold";
        else return; // other states cannot be migrated

        // Upstream re-adds the enable for every move onto a still-disabled node; the solution drops the
        // duplicate action but the released-node count is lowered each time (kept for identical indicators).
        if (destination.Status == NodeStatus.Disabled) AddEnable(destination);

        if (!model.MigrateInstance(instance, source, destination)) return;
        Solution.AddAction("migrate", instance.Uuid, new JsonObject
        {
            ["migration_type"] = migrationType,
            ["source_node"] = source.Hostname,
            ["destination_node"] = destination.Hostname,
            ["resource_name"] = instance.Name,
        });
        Migrations++;
        usage.RecordMigration(instance, source, destination);
    }

    public void AddDisable(ComputeNode node)
    {
        Solution.AddAction("change_nova_service_state", node.Uuid, new JsonObject
        {
            ["state"] = NodeStatus.Disabled,
            ["disabled_reason"] = ReasonForDisable,
            ["resource_name"] = node.Hostname,
        });
        ReleasedNodes++;
    }

    private void AddEnable(ComputeNode node)
    {
        Solution.AddAction("change_nova_service_state", node.Uuid,
            new JsonObject { ["state"] = NodeStatus.Enabled, ["resource_name"] = node.Hostname });
        ReleasedNodes--;
    }

    /// <summary>
    /// Optimise phase: an instance moved more than once keeps a single move from its first source to its last
    /// destination; a round trip disappears. Instances are taken in the order of their first migration
    /// (upstream iterates a Python set, whose order is not stable between runs).
    /// </summary>
    /// <remarks>
    /// Upstream removes one instance's moves and appends its direct move, instance by instance. Removing every
    /// collapsed move first and then appending the direct moves in the same order gives the same list (an
    /// instance's direct move can only collide with actions that are never removed), without rescanning the
    /// whole solution for each instance.
    /// </remarks>
    public void Optimize()
    {
        var movesOf = new Dictionary<string, List<SolutionAction>>();
        foreach (var action in Solution.Actions)
        {
            if (action.ActionType != "migrate" || ResourceId(action) is not { } uuid) continue;
            if (!movesOf.TryGetValue(uuid, out var moves)) movesOf[uuid] = moves = [];
            moves.Add(action);
        }
        var collapsed = movesOf.Where(m => m.Value.Count > 1).ToList();
        if (collapsed.Count == 0) return;

        var dropped = new HashSet<SolutionAction>(collapsed.SelectMany(m => m.Value), ReferenceEqualityComparer.Instance);
        Solution.RemoveActions(dropped.Contains);
        foreach (var (uuid, moves) in collapsed)
        {
            Migrations -= moves.Count;
            var source = model.GetNodeByHostname(moves[0].InputParameters["source_node"]!.GetValue<string>());
            var destination = model.GetNodeByHostname(moves[^1].InputParameters["destination_node"]!.GetValue<string>());
            var instance = model.FindInstance(uuid)!;
            // Put the instance back on its original node, then plan the one direct move again.
            if (model.MigrateInstance(instance, destination, source))
            {
                usage.ForgetMigration(instance, source, destination);
                AddMigration(instance, source, destination);
            }
        }
    }

    private static string? ResourceId(SolutionAction action) => action.InputParameters["resource_id"]?.GetValue<string>();
}
