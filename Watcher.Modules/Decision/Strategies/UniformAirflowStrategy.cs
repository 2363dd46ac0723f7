using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Uniform airflow (reference §7.11, upstream master): when a node's airflow reaches the threshold, take the
/// node with the highest airflow that hosts instances. If its inlet temperature and power are both under their
/// thresholds the high airflow is not explained by load (a hardware problem), so all its instances leave;
/// otherwise its first active instance does. Instances (largest vCPU first) go to the nodes with the least
/// airflow that still have raw room; if one cannot be placed, nothing is planned.
/// </summary>
public sealed class UniformAirflowStrategy : IStrategy
{
    public const string PluginName = "uniform_airflow";

    public string Name => PluginName;
    public string GoalName => AirflowOptimizationGoal.PluginName;
    public string DisplayName => "Uniform airflow migration strategy";
    public IReadOnlyList<string> RequiredMetrics => [MetricNames.HostAirflow, MetricNames.HostInletTemp, MetricNames.HostPower];

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["threshold_airflow"] = new JsonObject
            {
                ["description"] = "airflow threshold for migration, Unit is 0.1CFM",
                ["type"] = "number",
                ["default"] = 400.0,
            },
            ["threshold_inlet_t"] = new JsonObject
            {
                ["description"] = "inlet temperature threshold for migration decision",
                ["type"] = "number",
                ["default"] = 28.0,
            },
            ["threshold_power"] = new JsonObject
            {
                ["description"] = "system power threshold for migration decision",
                ["type"] = "number",
                ["default"] = 350.0,
            },
            ["period"] = StrategySchema.Period(300, "aggregate time period of ceilometer"),
            ["granularity"] = StrategySchema.Granularity(),
        },
    };

    private sealed class Target(ComputeNode node, double airflow)
    {
        public ComputeNode Node { get; } = node;
        public double Airflow { get; } = airflow;
        public NodeResources? Used { get; set; }
    }

    public Solution Execute(StrategyContext context)
    {
        var model = StrategySchema.RequireCluster(context.Model);

        var metrics = context.RequireMetrics();
        var thresholdAirflow = context.Number("threshold_airflow", 400.0);
        var thresholdInlet = context.Number("threshold_inlet_t", 28.0);
        var thresholdPower = context.Number("threshold_power", 350.0);
        var period = (int)context.Number("period", 300);
        var granularity = (int)context.Number("granularity", 300);
        var solution = new Solution();

        var overloaded = new List<Target>();
        var others = new List<Target>();
        foreach (var node in NodeAvailability.UpEnabled(model))
        {
            if (metrics.NodeMetric(node, MetricNames.HostAirflow, period, "mean", granularity) is not { } airflow) continue;
            (airflow >= thresholdAirflow ? overloaded : others).Add(new Target(node, airflow));
        }
        if (overloaded.Count == 0 || others.Count == 0) return solution;

        var chosen = ChooseInstances(model, overloaded.OrderByDescending(t => t.Airflow),
            node => metrics.NodeMetric(node, MetricNames.HostInletTemp, period, "mean", granularity),
            node => metrics.NodeMetric(node, MetricNames.HostPower, period, "mean", granularity),
            thresholdInlet, thresholdPower);
        if (chosen is not var (source, instances)) return solution;

        var placements = Place(model, instances, others.OrderBy(t => t.Airflow).ToList());
        if (placements is null) return solution;
        foreach (var (instance, destination) in placements)
            if (model.MigrateInstance(instance, source, destination))
                solution.AddMigration(instance, "live", source, destination);
        return solution;
    }

    /// <summary>
    /// The first overloaded node with instances: all of them when inlet and power are both low, else its first
    /// active, non-excluded instance (none: look at the next node). Inlet and power are read as host metrics
    /// (upstream asked for them as instance metrics, §19 item 15, fixed); a missing reading is not "low" (upstream
    /// failed comparing it).
    /// </summary>
    private static (ComputeNode, List<Instance>)? ChooseInstances(ComputeModel model, IEnumerable<Target> overloaded,
        Func<ComputeNode, double?> inlet, Func<ComputeNode, double?> power, double thresholdInlet, double thresholdPower)
    {
        foreach (var target in overloaded)
        {
            var instances = model.InstancesOf(target.Node);
            if (instances.Count == 0) continue;
            if (power(target.Node) is { } p && inlet(target.Node) is { } t && p < thresholdPower && t < thresholdInlet)
                return (target.Node, instances.ToList());
            var movable = instances.FirstOrDefault(i => !i.WatcherExclude && i.State == InstanceState.Active);
            if (movable is not null) return (target.Node, [movable]);
        }
        return null;
    }

    /// <summary>
    /// Largest vCPU first, each onto the first target (least airflow first) whose raw totals (vcpus, memory,
    /// disk, no ratio or reserve) minus flavor use still fit it; null when one instance finds no place.
    /// </summary>
    private static List<(Instance, ComputeNode)>? Place(ComputeModel model, List<Instance> instances, List<Target> targets)
    {
        var placements = new List<(Instance, ComputeNode)>();
        foreach (var instance in instances.OrderByDescending(i => i.Vcpus))
        {
            foreach (var target in targets)
            {
                var used = target.Used ??= model.UsedResources(target.Node);
                if (target.Node.Vcpus - used.Vcpus >= instance.Vcpus && target.Node.Disk - used.Disk >= instance.Disk
                    && target.Node.Memory - used.Memory >= instance.Memory)
                {
                    target.Used = new NodeResources(used.Vcpus + instance.Vcpus, used.Memory + instance.Memory, used.Disk + instance.Disk);
                    placements.Add((instance, target.Node));
                    break;
                }
            }
        }
        return placements.Count == instances.Count ? placements : null;
    }
}
