using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;

namespace Watcher.Modules.Decision.Strategies.NodeResourceConsolidation;

/// <summary>
/// Allocation-only consolidation (reference §7.7, upstream master): nodes sorted by used vCPUs; the least used
/// become sources whose instances are packed, by free vCPU and memory, onto the most used nodes; empty nodes are
/// free. With host_choice "auto" the plan disables the free and source nodes, lets the scheduler place every
/// instance of the sources, then re-enables what it disabled; otherwise each migration names its destination.
/// Its own planner (node_resource_consolidation) orders the plan.
/// </summary>
/// <remarks>
/// Upstream's packing check removes instances from the list it is walking, so it looks at every other instance
/// only; grouping depends on that and upstream's tests encode it (§19 item 17, kept). Like upstream it ignores the
/// scope's instance exclusions (§19 item 18).
/// </remarks>
public sealed class NodeResourceConsolidationStrategy : IStrategy
{
    public const string PluginName = "node_resource_consolidation";
    public const string ReasonForDisable = "Watcher node resource consolidation strategy";

    public string Name => PluginName;
    public string GoalName => ServerConsolidationGoal.PluginName;
    public string DisplayName => "Node Resource Consolidation strategy";
    public IReadOnlyList<string> RequiredMetrics => [];
    public string PlannerName => "node_resource_consolidation";

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["host_choice"] = new JsonObject
            {
                ["description"] = "The way to select the server migration destination node. The value 'auto' means that "
                    + "Nova scheduler selects the destination node, and 'specify' means the strategy specifies the destination.",
                ["type"] = "string",
                ["default"] = "auto",
            },
        },
    };

    public Solution Execute(StrategyContext context)
    {
        var model = context.Model;
        if (model.Nodes.Count == 0) throw new StrategyFailedException("The cluster state is not defined");
        var auto = (context.GetString("host_choice") ?? "auto") == "auto";

        var nodes = model.Nodes.ToList();
        var groups = NodeGrouping.Group(model, nodes, NodesWithFailedMigrations(context));
        var solution = new Solution();
        var migrations = 0;
        if (groups.Sources.Count > 0)
        {
            var disabled = auto ? ChangeState(solution, [.. groups.Free, .. groups.Sources], NodeStatus.Disabled) : [];
            migrations = AddMigrations(solution, model, groups.Sources, groups.Destinations, auto);
            if (disabled.Count > 0) ChangeState(solution, disabled, NodeStatus.Enabled);
        }

        solution.SetIndicator(ServerConsolidationGoal.ComputeNodesCount, nodes.Count);
        solution.SetIndicator(ServerConsolidationGoal.ReleasedComputeNodesCount, groups.Sources.Count);
        solution.SetIndicator(ServerConsolidationGoal.InstanceMigrationsCount, migrations);
        return solution;
    }

    /// <summary>
    /// CONTINUOUS audits only: nodes now hosting an instance whose migration failed in an earlier plan of this
    /// audit are never emptied again (they may still receive instances).
    /// </summary>
    private static HashSet<string> NodesWithFailedMigrations(StrategyContext context)
    {
        var failed = new HashSet<string>();
        if (context.AuditType == "ONESHOT") return failed;
        foreach (var action in context.FailedActions.Where(a => a.ActionType == "migrate"))
        {
            // Upstream fails the audit when such an instance has left the model; it can no longer pin a node.
            var instance = action.InputParameters["resource_id"]?.GetValue<string>() is { } id ? context.Model.FindInstance(id) : null;
            if (instance is not null && context.Model.NodeOf(instance) is { } node) failed.Add(node.Uuid);
        }
        return failed;
    }

    /// <summary>Service-state actions for the nodes not already in that state; returns the nodes changed.</summary>
    private static List<ComputeNode> ChangeState(Solution solution, List<ComputeNode> nodes, string status)
    {
        var changed = new List<ComputeNode>();
        foreach (var node in nodes.Where(n => n.Status != status))
        {
            var input = new JsonObject { ["state"] = status, ["resource_name"] = node.Hostname };
            if (status == NodeStatus.Disabled) input["disabled_reason"] = ReasonForDisable;
            solution.AddAction("change_nova_service_state", node.Uuid, input);
            node.Status = status;
            changed.Add(node);
        }
        return changed;
    }

    /// <summary>One live migration per instance of each source, largest first; "specify" picks a destination or skips.</summary>
    private static int AddMigrations(Solution solution, ComputeModel model, List<ComputeNode> sources,
        List<ComputeNode> destinations, bool auto)
    {
        var count = 0;
        var byFreeVcpus = auto ? null : new DestinationsByFreeVcpus(model, destinations);
        foreach (var source in sources)
        {
            foreach (var instance in model.InstancesOf(source).OrderByDescending(i => i.Vcpus).ToList())
            {
                var input = new JsonObject
                {
                    ["migration_type"] = "live",
                    ["source_node"] = source.Hostname,
                    ["resource_name"] = instance.Name,
                };
                if (byFreeVcpus is not null)
                {
                    if (byFreeVcpus.Place(instance, source) is not { } destination) continue;
                    input["destination_node"] = destination.Hostname;
                }
                solution.AddAction("migrate", instance.Uuid, input);
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// "specify": upstream sorts the destinations by free vCPUs (ascending, stable) for every instance and takes
    /// the first that has the vCPUs and memory. A sorted set keyed by (free vCPUs, list position) gives the same
    /// order without re-sorting, and starts the walk at the first destination with enough vCPUs.
    /// </summary>
    private sealed class DestinationsByFreeVcpus
    {
        private readonly ComputeModel _model;
        private readonly List<ComputeNode> _destinations;
        private readonly Dictionary<string, int> _position = new();
        private readonly SortedSet<(double FreeVcpus, int Position)> _order = new();
        private readonly Dictionary<int, double> _key = new();

        public DestinationsByFreeVcpus(ComputeModel model, List<ComputeNode> destinations)
        {
            _model = model;
            _destinations = destinations;
            for (var i = 0; i < destinations.Count; i++)
            {
                _position[destinations[i].Uuid] = i;
                _key[i] = model.FreeResources(destinations[i]).Vcpus;
                _order.Add((_key[i], i));
            }
        }

        public ComputeNode? Place(Instance instance, ComputeNode source)
        {
            if (_order.Count == 0 || _order.Max.FreeVcpus < instance.Vcpus) return null;
            ComputeNode? chosen = null;
            foreach (var (_, position) in _order.GetViewBetween((instance.Vcpus, int.MinValue), _order.Max))
            {
                var destination = _destinations[position];
                if (_model.FreeResources(destination).Memory < instance.Memory) continue;
                if (!_model.MigrateInstance(instance, source, destination)) continue;   // a source may also be a destination
                chosen = destination;
                break;
            }
            if (chosen is null) return null;
            Reindex(chosen);
            Reindex(source);
            return chosen;
        }

        private void Reindex(ComputeNode node)
        {
            if (!_position.TryGetValue(node.Uuid, out var position)) return;
            _order.Remove((_key[position], position));
            _key[position] = _model.FreeResources(node).Vcpus;
            _order.Add((_key[position], position));
        }
    }
}
