using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Workload balance (reference §7.8, upstream master): nodes whose summed instance CPU (or RAM) use reaches the
/// threshold are sources; from the busiest one, move the active instance that brings it closest to (but not
/// below) the cluster average, onto the least used node that stays under the threshold. At most one migration
/// per run, so it is meant for continuous audits.
/// </summary>
public sealed class WorkloadBalanceStrategy : IStrategy
{
    public const string PluginName = "workload_balance";

    public string Name => PluginName;
    public string GoalName => WorkloadBalancingGoal.PluginName;
    public string DisplayName => "Workload Balance Migration Strategy";
    public string PlannerName => "workload_stabilization";
    public IReadOnlyList<string> RequiredMetrics => [MetricNames.InstanceCpuUsage, MetricNames.InstanceRamUsage];

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["metrics"] = new JsonObject
            {
                ["description"] = "Workload balance based on metrics: cpu or ram utilization",
                ["type"] = "string",
                // Upstream writes "choice" (not the JSON-schema "enum"), so other values are not rejected.
                ["choice"] = new JsonArray(MetricNames.InstanceCpuUsage, MetricNames.InstanceRamUsage),
                ["default"] = MetricNames.InstanceCpuUsage,
            },
            ["threshold"] = new JsonObject
            {
                ["description"] = "Workload threshold for migration, in percent of a node's vCPUs (or RAM); it "
                    + "marks the source nodes and caps what a destination may reach.",
                ["type"] = "number",
                ["default"] = 25.0,
            },
            ["period"] = StrategySchema.Period(300, "aggregate time period of ceilometer"),
            ["granularity"] = StrategySchema.Granularity(),
        },
    };

    private sealed record NodeLoad(ComputeNode Node, double Utilization, double Workload);

    public Solution Execute(StrategyContext context)
    {
        var model = StrategySchema.RequireCluster(context.Model);

        var metrics = context.RequireMetrics();
        var meter = context.GetString("metrics") ?? MetricNames.InstanceCpuUsage;
        var threshold = context.Number("threshold", 25.0);
        var period = (int)context.Number("period", 300);
        var granularity = (int)context.Number("granularity", 300);
        var byCpu = meter == MetricNames.InstanceCpuUsage;

        var solution = new Solution();
        var migrations = 0;
        var (sources, targets, average, workloads) = GroupNodes(model, metrics, meter, byCpu, threshold, period, granularity);
        if (sources.Count > 0 && targets.Count > 0)
        {
            sources = sources.OrderByDescending(s => s.Utilization).ToList();
            if (ChooseInstance(model, sources, average, workloads) is var (source, instance))
            {
                var destination = targets
                    .Where(t => IsPossibleDestination(model, t, instance, workloads[instance.Uuid], meter, threshold))
                    .OrderBy(t => t.Utilization)
                    .FirstOrDefault();
                if (destination is not null && model.MigrateInstance(instance, source, destination.Node))
                {
                    solution.AddMigration(instance, "live", source, destination.Node);
                    migrations++;
                }
            }
        }

        solution.SetIndicator(WorkloadBalancingGoal.InstanceMigrationsCount, migrations);
        solution.SetIndicator(WorkloadBalancingGoal.InstancesCount, model.Instances.Count);
        return solution;
    }

    /// <summary>
    /// Per up-enabled node: the summed workload of its instances (vCPUs busy, or MB), its utilisation in percent,
    /// and whether it reaches the threshold. Instances without a measurement are left out.
    /// </summary>
    private static (List<NodeLoad> Sources, List<NodeLoad> Targets, double Average, Dictionary<string, double> Workloads) GroupNodes(
        ComputeModel model, IMetricsDatasource metrics, string meter, bool byCpu, double threshold, int period, int granularity)
    {
        var nodes = NodeAvailability.UpEnabled(model);
        var sources = new List<NodeLoad>();
        var targets = new List<NodeLoad>();
        var workloads = new Dictionary<string, double>();
        var clusterWorkload = 0.0;
        foreach (var node in nodes)
        {
            var nodeWorkload = 0.0;
            foreach (var instance in model.InstancesOf(node))
            {
                if (metrics.InstanceMetric(instance, meter, period, "mean", granularity) is not { } util) continue;
                var workload = byCpu ? util * instance.Vcpus / 100 : util;
                workloads[instance.Uuid] = workload;
                nodeWorkload += workload;
            }
            clusterWorkload += nodeWorkload;
            var utilization = byCpu ? nodeWorkload / node.Vcpus * 100 : nodeWorkload / node.Memory * 100;
            (utilization >= threshold ? sources : targets).Add(new NodeLoad(node, utilization, nodeWorkload));
        }
        var average = nodes.Count != 0 ? clusterWorkload / nodes.Count : 0;
        return (sources, targets, average, workloads);
    }

    /// <summary>
    /// From the busiest source that has one: the active, non-excluded instance whose move leaves the source
    /// closest to the average workload without going under it. Instances without a measurement are skipped
    /// (upstream failed the audit on them, §19 item 19).
    /// </summary>
    private static (ComputeNode, Instance)? ChooseInstance(
        ComputeModel model, List<NodeLoad> sources, double average, Dictionary<string, double> workloads)
    {
        foreach (var source in sources)
        {
            var instances = model.InstancesOf(source.Node);
            if (instances.Count == 0) continue;
            var delta = source.Workload - average;
            var minDelta = 1000000.0;
            Instance? chosen = null;
            foreach (var instance in instances)
            {
                if (instance.WatcherExclude || instance.State != InstanceState.Active) continue;
                if (!workloads.TryGetValue(instance.Uuid, out var workload)) continue;
                var current = delta - workload;
                if (current >= 0 && current < minDelta)
                {
                    minDelta = current;
                    chosen = instance;
                }
            }
            if (chosen is not null) return (source.Node, chosen);
        }
        return null;
    }

    /// <summary>Enough free flavor resources, and the node stays under the threshold with the instance added.</summary>
    private static bool IsPossibleDestination(ComputeModel model, NodeLoad target, Instance instance, double instanceWorkload,
        string meter, double threshold)
    {
        var free = model.FreeResources(target.Node);
        if (free.Vcpus < instance.Vcpus || free.Memory < instance.Memory || free.Disk < instance.Disk) return false;
        var usage = instanceWorkload + target.Workload;
        return meter switch
        {
            MetricNames.InstanceCpuUsage => usage < threshold / 100 * target.Node.Vcpus,
            MetricNames.InstanceRamUsage => usage < threshold / 100 * target.Node.Memory,
            _ => false, // like upstream, a metric other than the two documented ones finds no destination
        };
    }
}
