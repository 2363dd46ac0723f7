using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;

namespace Watcher.Modules.Decision.Strategies.VmWorkloadConsolidation;

/// <summary>
/// Heuristic first-fit consolidation on measured CPU (reference §7.6, upstream master): offload overloaded nodes,
/// consolidate the least loaded ones, collapse repeated moves of one instance, then disable the emptied nodes.
/// </summary>
public sealed class VmWorkloadConsolidationStrategy : IStrategy
{
    public const string PluginName = "vm_workload_consolidation";

    public string Name => PluginName;
    public string GoalName => ServerConsolidationGoal.PluginName;
    public string DisplayName => "VM Workload Consolidation Strategy";

    public IReadOnlyList<string> RequiredMetrics =>
    [
        MetricNames.InstanceRamAllocated, MetricNames.InstanceCpuUsage, MetricNames.InstanceRamUsage,
        MetricNames.InstanceRootDiskSize, MetricNames.HostCpuUsage, MetricNames.HostRamUsage,
    ];

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["period"] = new JsonObject
            {
                ["description"] = "The time interval in seconds for getting statistic aggregation",
                ["type"] = "number",
                ["default"] = 3600,
            },
            ["granularity"] = new JsonObject
            {
                ["description"] = "The time between two measures in an aggregated timeseries of a metric.",
                ["type"] = "number",
                ["default"] = 300,
            },
        },
    };

    public Solution Execute(StrategyContext context)
    {
        var model = context.Model;
        if (model.Nodes.Count == 0 && model.Instances.Count == 0)
            throw new StrategyFailedException("The cluster state is not defined");

        var usage = new UtilizationTracker(model, context.RequireMetrics(),
            (int)NumberOr(context, "period", 3600), (int)NumberOr(context, "granularity", 300));
        var plan = new ConsolidationPlan(model, usage);
        var phases = new ConsolidationPhases(model, usage, plan);

        // Upstream measures the cluster first (for its log); that fills the node caches in this order, which the
        // later figures depend on through the cached, incrementally adjusted sums.
        foreach (var node in phases.AvailableNodes().Where(n => n.IsEnabled)) usage.Node(node);

        phases.Offload();
        context.CancellationToken.ThrowIfCancellationRequested();
        phases.Consolidate();
        context.CancellationToken.ThrowIfCancellationRequested();
        plan.Optimize();
        phases.DisableUnused();

        var solution = plan.Solution;
        solution.SetIndicator(ServerConsolidationGoal.ComputeNodesCount, phases.AvailableNodes().Count);
        solution.SetIndicator(ServerConsolidationGoal.ReleasedComputeNodesCount, plan.ReleasedNodes);
        solution.SetIndicator(ServerConsolidationGoal.InstanceMigrationsCount, plan.Migrations);
        return solution;
    }

    private static double NumberOr(StrategyContext context, string name, double fallback) =>
        context.Parameters[name] is not null ? context.GetNumber(name) : fallback;
}
