using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>[watcher_strategies.storage_capacity_balance] → Watcher:Strategies:StorageCapacityBalance.</summary>
public sealed class StorageCapacityBalanceOptions
{
    public const string Section = "Watcher:Strategies:StorageCapacityBalance";

    /// <summary>Pools to leave alone, matched on their pool_name (upstream ex_pools).</summary>
    public List<string> ExPools { get; set; } = ["local_vstorage"];
}

/// <summary>
/// Storage capacity balance (reference §7.14): every pool at or above <c>volume_threshold</c> % used sheds volumes —
/// detached ones first, then attached non-bootable, then attached bootable, smallest first within each group —
/// until it is under the threshold. An untyped volume migrates to the emptiest pool (by free ratio) that can take
/// it and stays under the threshold; a typed one is retyped to a type of such a pool's backend with the same
/// extra specs (backend name aside). Each planned move lowers the destination's free space. Upstream reads Cinder
/// directly; this reads the audit's scoped storage model (ADR 48), in which volumes with snapshots, in another
/// state than available/in-use, or mid-migration are left where they are, as upstream leaves them.
/// </summary>
public sealed class StorageCapacityBalanceStrategy(IOptions<StorageCapacityBalanceOptions>? options = null) : IStrategy
{
    public const string PluginName = "storage_capacity_balance";
    private readonly StorageCapacityBalanceOptions _options = options?.Value ?? new StorageCapacityBalanceOptions();

    public string Name => PluginName;
    public string GoalName => WorkloadBalancingGoal.PluginName;
    public string DisplayName => "Storage Capacity Balance Strategy";
    public IReadOnlyList<string> RequiredMetrics => [];
    public bool UsesStorageModel => true;

    /// <summary>Upstream's choice; our workload_stabilization planner weighs volume_migrate (fidelity.md, §19 item 16).</summary>
    public string PlannerName => "workload_stabilization";

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["volume_threshold"] = StrategySchema.Number("volume threshold for capacity balance", 80.0),
        },
    };

    public Solution Execute(StrategyContext context)
    {
        var storage = context.RequireStorage();
        var threshold = context.Number("volume_threshold", 80.0) / 100;
        var solution = new Solution();

        var pools = storage.Pools.Where(p => !_options.ExPools.Contains(p.PoolName))
            .Select(p => new PoolState(p)).ToList();
        var sources = pools.Where(p => p.Used >= p.Pool.TotalCapacityGb * threshold).ToList();
        var destinations = pools.Except(sources).ToList();
        if (sources.Count > 0 && destinations.Count > 0)
        {
            var volumes = storage.Volumes.Where(Movable).ToList();
            var search = new Placement(storage, destinations, threshold);
            foreach (var source in sources)
            {
                var (retypes, migrations) = PlanFor(source, volumes, threshold, search);
                foreach (var (volume, type) in retypes)
                    solution.AddAction("volume_migrate", volume.Uuid, new JsonObject
                    {
                        ["migration_type"] = "retype", ["destination_type"] = type, ["resource_name"] = volume.Name,
                    });
                foreach (var (volume, pool) in migrations)
                    solution.AddAction("volume_migrate", volume.Uuid, new JsonObject
                    {
                        ["migration_type"] = "migrate", ["destination_node"] = pool, ["resource_name"] = volume.Name,
                    });
            }
        }
        // Upstream reports no instance moves: the goal's required indicator is zero.
        solution.SetIndicator(WorkloadBalancingGoal.InstanceMigrationsCount, 0);
        solution.SetIndicator(WorkloadBalancingGoal.InstancesCount, 0);
        return solution;
    }

    /// <summary>Upstream's get_volumes: available or in-use, without snapshots, not mid-migration.</summary>
    private static bool Movable(Volume v) =>
        v.Status is VolumeStatus.Available or VolumeStatus.InUse && !v.HasSnapshots && v.MigrationStatus is null or "success";

    private static (List<(Volume, string)> Retypes, List<(Volume, string)> Migrations) PlanFor(
        PoolState source, List<Volume> volumes, double threshold, Placement search)
    {
        var retypes = new List<(Volume, string)>();
        var migrations = new List<(Volume, string)>();
        var onPool = volumes.Where(v => v.Host == source.Pool.Name).ToList();
        var used = source.Used;
        var total = source.Pool.TotalCapacityGb;
        IEnumerable<Volume>[] groups =
        [
            onPool.Where(v => v.Status == VolumeStatus.Available).OrderBy(v => v.Size),
            onPool.Where(v => v.Status == VolumeStatus.InUse && !v.Bootable).OrderBy(v => v.Size),
            onPool.Where(v => v.Status == VolumeStatus.InUse && v.Bootable).OrderBy(v => v.Size),
        ];
        foreach (var group in groups)
        {
            foreach (var volume in group)
            {
                if (search.MigrateFit(volume) is { } pool) migrations.Add((volume, pool));
                else if (search.RetypeFit(volume) is { } type) retypes.Add((volume, type));
                else continue;
                used -= volume.Size;
                if (used < threshold * total) return (retypes, migrations);
            }
        }
        return (retypes, migrations);
    }

    /// <summary>A pool with the free space left once the moves planned so far land.</summary>
    private sealed class PoolState(Pool pool)
    {
        public Pool Pool { get; } = pool;
        public double Free { get; set; } = pool.FreeCapacityGb;
        public double Used => Pool.TotalCapacityGb - Pool.FreeCapacityGb;
        public double FreeRatio => Pool.TotalCapacityGb > 0 ? Free / Pool.TotalCapacityGb : 0;
    }

    /// <summary>Upstream's migrate_fit and retype_fit over the destination pools, emptiest first.</summary>
    private sealed class Placement(StorageModel storage, List<PoolState> destinations, double threshold)
    {
        public string? MigrateFit(Volume volume)
        {
            if (volume.VolumeType is not null) return null;
            var pool = Emptiest().FirstOrDefault(p => Fits(p, volume));
            if (pool is null) return null;
            pool.Free -= volume.Size;
            return pool.Pool.Name;
        }

        public string? RetypeFit(Volume volume)
        {
            foreach (var pool in Emptiest())
            {
                if (!Fits(pool, volume) || TargetType(volume, pool.Pool) is not { } type) continue;
                pool.Free -= volume.Size;
                return type;
            }
            return null;
        }

        /// <summary>
        /// Destinations by free ratio, emptiest first; among equals the later-listed first, as upstream walks a
        /// stably sorted list backwards.
        /// </summary>
        private IEnumerable<PoolState> Emptiest() =>
            destinations.Select((p, i) => (p, i)).OrderByDescending(x => x.p.FreeRatio).ThenByDescending(x => x.i).Select(x => x.p).ToList();

        /// <summary>Within the over-subscription limit, and still under the threshold once the volume is there.</summary>
        private bool Fits(PoolState pool, Volume volume)
        {
            var total = pool.Pool.TotalCapacityGb;
            if (total * pool.Pool.MaxOverSubscriptionRatio < pool.Pool.AllocatedCapacityGb + volume.Size) return false;
            return pool.Free - volume.Size > (1 - threshold) * total;
        }

        /// <summary>
        /// The first type of the pool's backend whose extra specs match the volume type's (backend name aside), when
        /// it differs from the volume's type; none for an untyped volume.
        /// </summary>
        private string? TargetType(Volume volume, Pool pool)
        {
            if (volume.VolumeType is null) return null;
            var wanted = (storage.FindVolumeType(volume.VolumeType)?.ExtraSpecs ?? new Dictionary<string, string>())
                .Where(kv => kv.Key != "volume_backend_name").ToList();
            var candidate = storage.VolumeTypes
                .Where(t => t.BackendName == pool.VolumeBackendName)
                .FirstOrDefault(t => wanted.All(kv => t.ExtraSpecs.GetValueOrDefault(kv.Key) == kv.Value));
            return candidate is not null && candidate.Name != volume.VolumeType ? candidate.Name : null;
        }
    }
}
