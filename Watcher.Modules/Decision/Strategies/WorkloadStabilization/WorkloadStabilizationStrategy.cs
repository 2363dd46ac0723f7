using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies.WorkloadStabilization;

/// <summary>
/// Workload stabilization (reference §7.9, upstream master): when the standard deviation of normalised host
/// load (CPU and/or RAM) exceeds its threshold, simulate moving each active instance to other hosts (one random
/// host, round robin, or every host), keep the moves that lower the weighted deviation, then apply the best ones
/// in order until a metric falls under its threshold. The random host choice takes a <c>seed</c> parameter (ours;
/// upstream has none) that reproduces a plan — and, with the same seed as upstream's <c>random.seed</c>, its plan.
/// </summary>
public sealed partial class WorkloadStabilizationStrategy : IStrategy
{
    public const string PluginName = "workload_stabilization";

    private static readonly string[] DefaultMetrics = [MetricNames.InstanceCpuUsage];
    private static readonly Dictionary<string, string> DefaultHostMetric = new()
    {
        [MetricNames.InstanceCpuUsage] = MetricNames.HostCpuUsage,
        [MetricNames.InstanceRamUsage] = MetricNames.HostRamUsage,
    };

    public string Name => PluginName;
    public string GoalName => WorkloadBalancingGoal.PluginName;
    public string DisplayName => "Workload stabilization";
    public string PlannerName => "workload_stabilization";

    public IReadOnlyList<string> RequiredMetrics =>
    [
        MetricNames.HostCpuUsage, MetricNames.InstanceCpuUsage, MetricNames.InstanceRamUsage, MetricNames.HostRamUsage,
    ];

    public JsonObject ParametersSchema => WorkloadStabilizationSchema.Build();

    public Solution Execute(StrategyContext context)
    {
        var model = StrategySchema.RequireCluster(context.Model);

        var settings = Settings.Read(context);
        var metrics = context.RequireMetrics();
        var solution = new Solution();
        var hosts = ReadHostLoads(model, metrics, settings);
        var instanceLoads = new InstanceLoadCache(metrics, settings);

        double before = 0, after = 0;
        var migrations = 0;
        var triggering = Enumerable.Range(0, settings.Metrics.Count)
            .Select(k => (k, Sd: hosts.ExactSd(k)))
            .FirstOrDefault(x => x.Sd > settings.Threshold(x.k), (-1, 0));
        if (triggering.Item1 >= 0)
        {
            before = triggering.Sd;
            var seed = settings.Seed ?? (ulong)Random.Shared.NextInt64(0, long.MaxValue);
            if (settings.Seed is null) LogSeed(context.Log, seed);
            var search = new MigrationSearch(model, hosts, instanceLoads, settings, new PythonRandom(seed));
            var candidates = search.Candidates(context.CancellationToken);
            (migrations, after) = search.Apply(candidates, hosts.Copy(), solution, context.CancellationToken);
        }

        solution.SetIndicator(WorkloadBalancingGoal.InstanceMigrationsCount, migrations);
        solution.SetIndicator(WorkloadBalancingGoal.StandardDeviationBeforeAudit, before);
        solution.SetIndicator(WorkloadBalancingGoal.StandardDeviationAfterAudit, after);
        solution.SetIndicator(WorkloadBalancingGoal.InstancesCount, model.Instances.Count);
        return solution;
    }

    /// <summary>
    /// Host load per selected metric, read through the metric's host counterpart (instance_metrics): CPU % → a
    /// fraction, RAM KiB → MB. A host missing any value takes no part (upstream dropped it from the load table
    /// but still offered it as a source or destination, which then failed the audit).
    /// </summary>
    internal static HostLoads ReadHostLoads(ComputeModel model, IMetricsDatasource metrics, Settings settings)
    {
        var hosts = new List<ComputeNode>();
        var columns = new List<double[]>();
        foreach (var node in NodeAvailability.UpEnabled(model))
        {
            var row = new double[settings.Metrics.Count];
            var complete = true;
            for (var k = 0; k < row.Length && complete; k++)
            {
                var hostMetric = settings.HostMetric(settings.Metrics[k]);
                var value = metrics.NodeMetric(node, hostMetric, settings.NodePeriod, settings.NodeAggregate, settings.Granularity);
                if (value is not { } v) complete = false;
                else row[k] = hostMetric switch
                {
                    MetricNames.HostRamUsage => v / 1024,
                    MetricNames.HostCpuUsage => v / 100,
                    _ => v,
                };
            }
            if (!complete) continue;
            hosts.Add(node);
            columns.Add(row);
        }
        var load = Enumerable.Range(0, settings.Metrics.Count)
            .Select(k => columns.Select(row => row[k]).ToArray()).ToArray();
        return new HostLoads(settings.Metrics, hosts, load);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "workload_stabilization drew its hosts with seed {Seed}; pass it as the 'seed' parameter to reproduce this plan")]
    private static partial void LogSeed(ILogger logger, ulong seed);
}
