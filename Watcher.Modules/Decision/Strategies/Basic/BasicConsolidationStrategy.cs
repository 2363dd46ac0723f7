using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies.Basic;

/// <summary>
/// Basic offline consolidation (reference §7.5, upstream master): score nodes by measured CPU, then empty the
/// least busy node by live-migrating its active instances, busiest first, each to the first node in score order
/// whose flavor capacity still takes it; an emptied node is disabled. Same plan as upstream, found with an indexed
/// first-fit instead of a scan of every node per instance.
/// </summary>
public sealed class BasicConsolidationStrategy(IOptions<BasicConsolidationOptions>? options = null) : IStrategy
{
    public const string PluginName = "basic";
    public const string ReasonForDisable = "watcher_disabled";

    private readonly BasicConsolidationOptions _options = options?.Value ?? new BasicConsolidationOptions();

    public string Name => PluginName;
    public string GoalName => ServerConsolidationGoal.PluginName;
    public string DisplayName => "Basic offline consolidation";
    public IReadOnlyList<string> RequiredMetrics => [MetricNames.HostCpuUsage, MetricNames.InstanceCpuUsage];

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["migration_attempts"] = new JsonObject
            {
                ["description"] = "Maximum number of nodes in a row that may fail to release an instance before the "
                    + "search stops; 0 (the default) means no limit.",
                ["type"] = "number",
                ["default"] = 0,
            },
            ["period"] = StrategySchema.Period(7200),
            ["granularity"] = StrategySchema.Granularity(),
            ["aggregation_method"] = StrategySchema.AggregationMethod(),
        },
    };

    public Solution Execute(StrategyContext context)
    {
        var model = StrategySchema.RequireCluster(context.Model);

        var metrics = context.RequireMetrics();
        var period = (int)context.Number("period", 7200);
        var granularity = (int)context.Number("granularity", 300);
        var nodeAggregate = context.Member("aggregation_method", "node") is { Length: > 0 } deprecated
            ? deprecated
            : context.Member("aggregation_method", "compute_node") ?? "mean";
        var instanceAggregate = context.Member("aggregation_method", "instance") ?? "mean";
        var migrationAttempts = context.Number("migration_attempts", 0);

        var solution = new Solution();
        var available = NodeAvailability.UpAny(model);
        var enabledCount = available.Count(n => n.IsEnabled);

        // Nodes hosting something, busiest first (stable: equal scores keep model order, as Python's sorted).
        var ranked = available
            .Select(n => (Node: n, Instances: model.InstancesOf(n).Count))
            .Where(x => x.Instances > 0)
            .Select(x => (x.Node, x.Instances, Score: NodeScore(x.Node,
                metrics.NodeMetric(x.Node, MetricNames.HostCpuUsage, period, nodeAggregate, granularity))))
            .OrderByDescending(x => x.Score)
            .ToList();

        var destinations = new FirstFitDestinations(ranked.Select(x => x.Node).ToList(), model.UsedResources);
        var remaining = ranked.Select(x => x.Instances).ToArray();   // instances left on each ranked node
        var count = ranked.Count;
        int released = 0, migrations = 0, failures = 0;

        while (count > 0 && (migrationAttempts == 0 || migrationAttempts >= failures))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var sourcePosition = count - 1;
            var source = destinations[sourcePosition];
            var candidates = Candidates(model.InstancesOf(source))
                .Select(i => (Instance: i, Score: InstanceScore(i,
                    metrics.InstanceMetric(i, MetricNames.InstanceCpuUsage, period, instanceAggregate, granularity))))
                .OrderByDescending(x => x.Score)
                .Select(x => x.Instance)
                .ToList();

            var moved = 0;
            foreach (var instance in candidates)
            {
                if (instance.WatcherExclude) continue;
                var position = destinations.FindFirst(instance, sourcePosition);
                if (position < 0) continue;
                var destination = destinations[position];
                model.MigrateInstance(instance, source, destination);
                destinations.Move(instance, sourcePosition, position);
                remaining[sourcePosition]--;
                remaining[position]++;
                solution.AddMigration(instance, "live", source, destination);
                if (remaining[sourcePosition] == 0)
                {
                    solution.AddAction("change_nova_service_state", source.Uuid, new JsonObject
                    {
                        ["state"] = NodeStatus.Disabled,
                        ["disabled_reason"] = ReasonForDisable,
                        ["resource_name"] = source.Hostname,
                    });
                    released++;
                }
                moved++;
            }

            if (moved > 0)
            {
                migrations += moved;
                failures = 0;
            }
            else
            {
                // Nothing left that can move: drop this node and try to empty the next least busy one.
                failures++;
                count--;
            }
        }

        solution.SetIndicator(ServerConsolidationGoal.ComputeNodesCount, enabledCount);
        solution.SetIndicator(ServerConsolidationGoal.ReleasedComputeNodesCount, released);
        solution.SetIndicator(ServerConsolidationGoal.InstanceMigrationsCount, migrations);
        return solution;
    }

    /// <summary>Active instances that the optimize metadata (when checked) does not hold back, in model order.</summary>
    private IEnumerable<Instance> Candidates(IEnumerable<Instance> instances) =>
        instances.Where(i => (!_options.CheckOptimizeMetadata || OptimizeMetadata.AllowsMove(i))
            && i.State == InstanceState.Active);

    /// <summary>
    /// Upstream's node score: the mean of a CPU, a disk and a memory term where only CPU is measured (disk and
    /// memory used are passed as 0), i.e. host CPU % / 300. Missing data counts as 100 %. The arithmetic follows
    /// upstream step by step so that equal-looking scores compare exactly as they do there.
    /// </summary>
    internal static double NodeScore(ComputeNode node, double? cpuPercent) =>
        Weight(node.Vcpus, node.Disk, node.Memory, node.Vcpus * ((cpuPercent ?? 100) / 100.0));

    internal static double InstanceScore(Instance instance, double? cpuPercent) =>
        Weight(instance.Vcpus, instance.Disk, instance.Memory, instance.Vcpus * ((cpuPercent ?? 100) / 100.0));

    /// <summary>
    /// Upstream's calculate_weight: the mean of 1 − free/capacity over vCPU, disk and memory (the strategy passes
    /// disk and memory used as 0). A zero capacity gives a zero term where upstream only guarded disk.
    /// </summary>
    internal static double Weight(double vcpus, double disk, double memory, double coresUsed, double diskUsed = 0, double memoryUsed = 0)
    {
        var cores = vcpus == 0 ? 0 : 1 - (vcpus - coresUsed) / vcpus;
        var diskTerm = disk == 0 ? 0 : 1 - (disk - diskUsed) / disk;
        var memoryTerm = memory == 0 ? 0 : 1 - (memory - memoryUsed) / memory;
        return (cores + diskTerm + memoryTerm) / 3;
    }
}
