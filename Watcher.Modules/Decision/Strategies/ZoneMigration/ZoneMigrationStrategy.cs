using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;

namespace Watcher.Modules.Decision.Strategies.ZoneMigration;

/// <summary>
/// Moves every instance off the listed source compute nodes, to the given destination or wherever the scheduler
/// chooses, in batches bounded per node and in total (reference §7.15, upstream master, instance side).
/// Like upstream it ignores the audit scope's exclusions (§19 item 18) and still counts an instance it cannot
/// migrate (not active, paused or stopped) against its node's limit.
/// </summary>
/// <remarks>
/// The volume side (<c>storage_pools</c>, <c>with_attached_volume</c>) needs the storage model, which this version
/// does not build yet: an audit asking for storage pools fails with a message saying so.
/// </remarks>
public sealed class ZoneMigrationStrategy : IStrategy
{
    public const string PluginName = "zone_migration";
    public const string NoStorageMessage =
        "zone_migration with storage_pools needs the storage model (Cinder pools and volumes), which this version "
        + "of Watcher does not build yet";

    public string Name => PluginName;
    public string GoalName => HardwareMaintenanceGoal.PluginName;
    public string DisplayName => "Zone migration";
    public IReadOnlyList<string> RequiredMetrics => [];
    public JsonObject ParametersSchema => ZoneMigrationSchema.Build();

    public Solution Execute(StrategyContext context)
    {
        var parameters = context.Parameters;
        if (parameters["storage_pools"] is JsonArray { Count: > 0 }) throw new StrategyFailedException(NoStorageMessage);

        var model = context.Model;
        var computeNodes = (parameters["compute_nodes"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var targets = PriorityOrder.Apply(parameters["priority"] as JsonObject, TargetInstances(model, computeNodes), model);

        var solution = new Solution();
        var counter = new ActionCounter((int)context.GetNumber("parallel_total"), (int)context.GetNumber("parallel_per_node"));
        int live = targets.Count(IsLive), cold = targets.Count(IsCold), plannedLive = 0, plannedCold = 0;
        var migrated = new HashSet<string>();
        foreach (var instance in targets)
        {
            if (migrated.Contains(instance.Uuid)) continue;
            if (counter.TotalReached) break;
            var source = model.NodeOf(instance)!.Hostname;
            if (counter.NodeReached(source)) continue;

            var destination = computeNodes.FirstOrDefault(n => n["src_node"]?.GetValue<string>() == source)?["dst_node"]?.GetValue<string>();
            if (IsLive(instance) || IsCold(instance))
            {
                var input = new JsonObject
                {
                    ["migration_type"] = IsLive(instance) ? "live" : "cold",
                    ["source_node"] = source,
                    ["resource_name"] = instance.Name,
                };
                if (!string.IsNullOrEmpty(destination)) input["destination_node"] = destination;
                solution.AddAction("migrate", instance.Uuid, input);
                migrated.Add(instance.Uuid);
                if (IsLive(instance)) plannedLive++;
                else plannedCold++;
            }
            counter.AddNode(source);   // upstream counts the node even when the instance could not be migrated
        }

        solution.SetIndicator(HardwareMaintenanceGoal.LiveMigrateInstanceCount, live);
        solution.SetIndicator(HardwareMaintenanceGoal.PlannedLiveMigrateInstanceCount, plannedLive);
        solution.SetIndicator(HardwareMaintenanceGoal.ColdMigrateInstanceCount, cold);
        solution.SetIndicator(HardwareMaintenanceGoal.PlannedColdMigrateInstanceCount, plannedCold);
        solution.SetIndicator(HardwareMaintenanceGoal.VolumeMigrateCount, 0);
        solution.SetIndicator(HardwareMaintenanceGoal.PlannedVolumeMigrateCount, 0);
        solution.SetIndicator(HardwareMaintenanceGoal.VolumeUpdateCount, 0);
        solution.SetIndicator(HardwareMaintenanceGoal.PlannedVolumeUpdateCount, 0);
        return solution;
    }

    /// <summary>The instances on each source node, node by node; an unknown node contributes none.</summary>
    private static List<Instance> TargetInstances(ComputeModel model, List<JsonObject> computeNodes) =>
        computeNodes
            .Select(n => model.FindNodeByHostname(n["src_node"]?.GetValue<string>() ?? ""))
            .SelectMany(node => node is null ? [] : model.InstancesOf(node))
            .ToList();

    private static bool IsLive(Instance instance) => instance.State is InstanceState.Active or InstanceState.Paused;
    private static bool IsCold(Instance instance) => instance.State == InstanceState.Stopped;

    /// <summary>How many actions the plan holds in total and per source node, against the parallel_* limits.</summary>
    private sealed class ActionCounter(int totalLimit, int perNodeLimit)
    {
        private readonly Dictionary<string, int> _perNode = new();
        private int _total;

        public bool TotalReached => _total >= totalLimit;
        public bool NodeReached(string node) => _perNode.GetValueOrDefault(node) >= perNodeLimit;

        public void AddNode(string node)
        {
            if (TotalReached || NodeReached(node)) return;
            _perNode[node] = _perNode.GetValueOrDefault(node) + 1;
            _total++;
        }
    }
}
