using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Noisy neighbor (reference §7.12, upstream master): on a node with several instances, a high-priority instance
/// whose last-level-cache use dropped by more than <c>cache_threshold</c> % while a lower-priority one's rose by
/// as much points at that neighbour; the neighbour is live-migrated to the first node with room. At most one
/// migration per run. Fixed from upstream (§19 items 13, 14): the cache is read with the datasource's own
/// argument order, priorities need not be on every instance, nodes are named by hostname.
/// </summary>
public sealed class NoisyNeighborStrategy : IStrategy
{
    public const string PluginName = "noisy_neighbor";
    public const string PriorityKey = "watcher-priority";

    /// <summary>Upstream's DEFAULT_WATCHER_PRIORITY, here given to instances without the metadata key.</summary>
    private const double DefaultPriority = 5;

    public string Name => PluginName;
    public string GoalName => NoisyNeighborGoal.PluginName;
    public string DisplayName => "Noisy Neighbor";
    public IReadOnlyList<string> RequiredMetrics => [MetricNames.InstanceL3CacheUsage];

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["cache_threshold"] = new JsonObject
            {
                ["description"] = "Performance drop in L3_cache threshold for migration",
                ["type"] = "number",
                ["default"] = 35.0,
            },
            ["period"] = new JsonObject
            {
                ["description"] = "Aggregate time period of ceilometer and gnocchi",
                ["type"] = "number",
                ["default"] = 100.0,
            },
        },
    };

    private sealed record Pair(ComputeNode Node, Instance Priority, Instance Noisy);

    public Solution Execute(StrategyContext context)
    {
        var model = StrategySchema.RequireCluster(context.Model);

        var cache = new CacheReadings(context.RequireMetrics(), context.Number("period", 100.0));
        var threshold = context.Number("cache_threshold", 35.0);
        var solution = new Solution();

        var pairs = new List<Pair>();
        var targets = new List<ComputeNode>();
        foreach (var node in model.Nodes)
        {
            var pair = FindPair(model, node, cache, threshold);
            if (pair is not null) pairs.Add(pair);
            // Upstream offered every other node, disabled or down ones too; a migration there cannot succeed.
            else if (node.IsUp && node.IsEnabled) targets.Add(node);
        }
        if (pairs.Count == 0 || targets.Count == 0) return solution;

        // The node whose victim has the largest priority value (upstream compared instance objects here, which
        // failed as soon as two nodes qualified); the first such node in model order.
        var release = pairs.Aggregate((best, p) => PriorityOrder.Compare(Priority(p.Priority), Priority(best.Priority)) > 0 ? p : best);
        var destination = targets.FirstOrDefault(t => OutletTemperatureStrategy.HasRoomFor(model, t, release.Noisy));
        if (destination is not null && model.MigrateInstance(release.Noisy, release.Node, destination))
            solution.AddMigration(release.Noisy, "live", release.Node, destination);
        return solution;
    }

    /// <summary>
    /// Instances by priority value, ascending. From the front, the first whose cache use fell; then from the back
    /// (stopping when the walks meet) the first whose cache use rose. The neighbour must be one we may move.
    /// </summary>
    private static Pair? FindPair(ComputeModel model, ComputeNode node, CacheReadings cache, double threshold)
    {
        var instances = model.InstancesOf(node);
        if (instances.Count <= 1) return null;
        var byPriority = instances.OrderBy(Priority, PriorityOrder).ToList();
        foreach (var candidate in byPriority)
        {
            if (!cache.Fell(candidate, threshold)) continue;
            for (var j = byPriority.Count - 1; j >= 0; j--)
            {
                var noisy = byPriority[j];
                if (ReferenceEquals(noisy, candidate)) return null;
                if (!noisy.WatcherExclude && cache.Rose(noisy, threshold)) return new Pair(node, candidate, noisy);
            }
            return null;
        }
        return null;
    }

    /// <summary>
    /// Orders by <c>watcher-priority</c>: numbers (or text that reads as a number, as Nova metadata always is)
    /// numerically; a missing key counts as 5; other text after every number, in ordinal order. Upstream compared
    /// raw values and failed when kinds were mixed.
    /// </summary>
    private static readonly Comparer<(double? Number, string? Text)> PriorityOrder = Comparer<(double? Number, string? Text)>.Create((a, b) =>
        a.Number is { } x && b.Number is { } y ? x.CompareTo(y)
        : a.Number is not null ? -1
        : b.Number is not null ? 1
        : string.CompareOrdinal(a.Text, b.Text));

    private static (double? Number, string? Text) Priority(Instance instance) => instance.Metadata[PriorityKey] switch
    {
        null => (DefaultPriority, null),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => (JsonSerializer.Deserialize<double>(v.ToJsonString()), null),
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? (d, null) : (null, v.GetValue<string>()),
        var other => (null, other.ToJsonString()),
    };

    /// <summary>Current cache use = mean over the period; previous = twice the mean over two periods minus current.</summary>
    private sealed class CacheReadings(IMetricsDatasource metrics, double period)
    {
        private readonly Dictionary<string, (double Current, double Previous)?> _readings = new();

        public bool Fell(Instance instance, double threshold) =>
            Read(instance) is var (current, previous) && current < (1 - threshold / 100.0) * previous;

        public bool Rose(Instance instance, double threshold) =>
            Read(instance) is var (current, previous) && current > (1 + threshold / 100.0) * previous;

        private (double Current, double Previous)? Read(Instance instance)
        {
            if (_readings.TryGetValue(instance.Uuid, out var cached)) return cached;
            var current = metrics.InstanceMetric(instance, MetricNames.InstanceL3CacheUsage, (int)period, "mean", 300);
            var twoPeriods = metrics.InstanceMetric(instance, MetricNames.InstanceL3CacheUsage, (int)(2 * period), "mean", 300);
            (double, double)? reading = current is { } c && twoPeriods is { } t ? (c, 2 * t - c) : null;
            _readings[instance.Uuid] = reading;
            return reading;
        }
    }
}
