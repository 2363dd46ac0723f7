using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;

namespace Watcher.Modules.Decision.Strategies.ZoneMigration;

/// <summary>
/// Moves every instance off the listed source compute nodes and every volume off the listed source storage pools
/// (reference §7.15, upstream master), in batches bounded in total, per source node and per source pool. Volumes
/// come first: each is migrated to its entry's <c>dst_pool</c> or retyped to its <c>dst_type</c>; with
/// <c>with_attached_volume</c> the targeted instances it is attached to are migrated right after it. Then the
/// remaining instances, to the given destination or wherever the scheduler chooses.
/// </summary>
/// <remarks>
/// As upstream: the compute scope's exclusions are ignored (§19 item 18), volumes are those of the scoped storage
/// model; an instance that cannot be migrated (not active, paused or stopped) still counts against its node's
/// limit, and a volume with no destination pool for its entry is skipped without counting. The storage model is
/// read only when <c>storage_pools</c> is given (upstream reads it on every run).
/// </remarks>
public sealed class ZoneMigrationStrategy : IStrategy
{
    public const string PluginName = "zone_migration";

    public string Name => PluginName;
    public string GoalName => HardwareMaintenanceGoal.PluginName;
    public string DisplayName => "Zone migration";
    public IReadOnlyList<string> RequiredMetrics => [];
    public JsonObject ParametersSchema => ZoneMigrationSchema.Build();

    public bool UsesStorageModelWith(JsonObject parameters) => StoragePools(parameters).Count > 0;

    public Solution Execute(StrategyContext context)
    {
        var parameters = context.Parameters;
        var model = context.Model;
        var computeNodes = (parameters["compute_nodes"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var storagePools = StoragePools(parameters);
        var priority = parameters["priority"] as JsonObject;
        var instances = PriorityOrder.Apply(priority, TargetInstances(model, computeNodes), model);
        var volumes = storagePools.Count == 0 ? [] : PriorityOrder.Apply(priority, TargetVolumes(context.RequireStorage(), storagePools));

        var run = new Run(context, computeNodes, storagePools, new ActionCounter(
            (int)context.GetNumber("parallel_total"), (int)context.GetNumber("parallel_per_node"), (int)context.GetNumber("parallel_per_pool")));
        run.MigrateVolumes(volumes, instances);
        run.MigrateInstances(instances);

        var solution = run.Solution;
        solution.SetIndicator(HardwareMaintenanceGoal.LiveMigrateInstanceCount, instances.Count(IsLive));
        solution.SetIndicator(HardwareMaintenanceGoal.PlannedLiveMigrateInstanceCount, run.PlannedLive);
        solution.SetIndicator(HardwareMaintenanceGoal.ColdMigrateInstanceCount, instances.Count(IsCold));
        solution.SetIndicator(HardwareMaintenanceGoal.PlannedColdMigrateInstanceCount, run.PlannedCold);
        // Upstream reports volume updates as the same figures as volume migrations.
        solution.SetIndicator(HardwareMaintenanceGoal.VolumeMigrateCount, volumes.Count);
        solution.SetIndicator(HardwareMaintenanceGoal.PlannedVolumeMigrateCount, run.PlannedVolumes);
        solution.SetIndicator(HardwareMaintenanceGoal.VolumeUpdateCount, volumes.Count);
        solution.SetIndicator(HardwareMaintenanceGoal.PlannedVolumeUpdateCount, run.PlannedVolumes);
        return solution;
    }

    private static List<JsonObject> StoragePools(JsonObject parameters) =>
        (parameters["storage_pools"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    /// <summary>The instances on each source node, node by node; an unknown node contributes none.</summary>
    private static List<Instance> TargetInstances(ComputeModel model, List<JsonObject> computeNodes) =>
        computeNodes
            .Select(n => model.FindNodeByHostname(n["src_node"]?.GetValue<string>() ?? ""))
            .SelectMany(node => node is null ? [] : model.InstancesOf(node))
            .ToList();

    /// <summary>The model's volumes (in Cinder's listing order) on a source pool, of the entry's src_type when it names one.</summary>
    private static List<Volume> TargetVolumes(StorageModel storage, List<JsonObject> storagePools) =>
        storage.Volumes.Where(v => storagePools.Any(p =>
                v.Host == Str(p, "src_pool") && (Str(p, "src_type") is not { } type || v.VolumeType == type)))
            .ToList();

    private static string? Str(JsonObject o, string key) => o[key]?.GetValue<string>();

    private static bool IsLive(Instance instance) => instance.State is InstanceState.Active or InstanceState.Paused;
    private static bool IsCold(Instance instance) => instance.State == InstanceState.Stopped;

    /// <summary>One run's actions, counters and planned figures.</summary>
    private sealed class Run(StrategyContext context, List<JsonObject> computeNodes, List<JsonObject> storagePools, ActionCounter counter)
    {
        private readonly HashSet<string> _migrated = [];

        public Solution Solution { get; } = new();
        public int PlannedLive { get; private set; }
        public int PlannedCold { get; private set; }
        public int PlannedVolumes { get; private set; }

        public void MigrateVolumes(List<Volume> volumes, List<Instance> instanceTargets)
        {
            var targetIds = instanceTargets.Select(i => i.Uuid).ToHashSet();
            foreach (var volume in volumes)
            {
                if (counter.TotalReached) break;
                var pool = volume.Host!;
                if (counter.PoolReached(pool)) continue;

                var (dstPool, dstType) = DestinationOf(pool, volume.VolumeType);
                if (dstType is null || dstType == volume.VolumeType)
                {
                    if (dstPool is null)
                    {
                        context.Log.LogInformation("Volume {Volume} is not migrated: no dst_pool for src_pool {Pool}", volume.Name, pool);
                        continue;
                    }
                    Solution.AddAction("volume_migrate", volume.Uuid, new JsonObject
                    {
                        ["migration_type"] = "migrate", ["destination_node"] = dstPool, ["resource_name"] = volume.Name,
                    });
                }
                else
                {
                    Solution.AddAction("volume_migrate", volume.Uuid, new JsonObject
                    {
                        ["migration_type"] = "retype", ["destination_type"] = dstType, ["resource_name"] = volume.Name,
                    });
                }
                PlannedVolumes++;

                if (context.GetBool("with_attached_volume"))
                    MigrateInstances(volume.Attachments.Where(a => targetIds.Contains(a.ServerId))
                        .Select(a => context.Model.FindInstance(a.ServerId)).OfType<Instance>().ToList());
                counter.AddPool(pool);
            }
        }

        public void MigrateInstances(List<Instance> instances)
        {
            foreach (var instance in instances)
            {
                if (_migrated.Contains(instance.Uuid)) continue;
                if (counter.TotalReached) break;
                var source = context.Model.NodeOf(instance)!.Hostname;
                if (counter.NodeReached(source)) continue;

                var destination = computeNodes.FirstOrDefault(n => Str(n, "src_node") == source) is { } entry ? Str(entry, "dst_node") : null;
                if (IsLive(instance) || IsCold(instance))
                {
                    var input = new JsonObject
                    {
                        ["migration_type"] = IsLive(instance) ? "live" : "cold",
                        ["source_node"] = source,
                        ["resource_name"] = instance.Name,
                    };
                    if (!string.IsNullOrEmpty(destination)) input["destination_node"] = destination;
                    Solution.AddAction("migrate", instance.Uuid, input);
                    _migrated.Add(instance.Uuid);
                    if (IsLive(instance)) PlannedLive++;
                    else PlannedCold++;
                }
                counter.AddNode(source);   // upstream counts the node even when the instance could not be migrated
            }
        }

        /// <summary>The entry naming both the pool and the volume's type wins over one naming the pool alone.</summary>
        private (string? Pool, string? Type) DestinationOf(string pool, string? type)
        {
            var entry = storagePools.FirstOrDefault(p => Str(p, "src_type") is { } t && Str(p, "src_pool") == pool && t == type)
                ?? storagePools.FirstOrDefault(p => Str(p, "src_type") is null && Str(p, "src_pool") == pool);
            return entry is null ? (null, null) : (Str(entry, "dst_pool"), Str(entry, "dst_type"));
        }
    }

    /// <summary>How many actions the plan holds in total, per source node and per source pool, against the parallel_* limits.</summary>
    private sealed class ActionCounter(int totalLimit, int perNodeLimit, int perPoolLimit)
    {
        private readonly Dictionary<string, int> _perNode = new();
        private readonly Dictionary<string, int> _perPool = new();
        private int _total;

        public bool TotalReached => _total >= totalLimit;
        public bool NodeReached(string node) => _perNode.GetValueOrDefault(node) >= perNodeLimit;
        public bool PoolReached(string pool) => _perPool.GetValueOrDefault(pool) >= perPoolLimit;

        public void AddNode(string node)
        {
            if (TotalReached || NodeReached(node)) return;
            _perNode[node] = _perNode.GetValueOrDefault(node) + 1;
            _total++;
        }

        public void AddPool(string pool)
        {
            if (TotalReached || PoolReached(pool)) return;
            _perPool[pool] = _perPool.GetValueOrDefault(pool) + 1;
            _total++;
        }
    }
}
