using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Outlet temperature control (reference §7.10, upstream master): when a node's outlet temperature reaches the
/// threshold, live-migrate one active instance from the hottest such node to the coolest node under the threshold
/// that has room for its flavor. At most one migration per run. Upstream named the nodes by uuid in the action,
/// which the applier then skipped; we name them by hostname (§19 item 13, fixed).
/// </summary>
public sealed class OutletTemperatureStrategy : IStrategy
{
    public const string PluginName = "outlet_temperature";

    public string Name => PluginName;
    public string GoalName => ThermalOptimizationGoal.PluginName;
    public string DisplayName => "Outlet temperature based strategy";
    public IReadOnlyList<string> RequiredMetrics => [MetricNames.HostOutletTemp];

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["threshold"] = new JsonObject
            {
                ["description"] = "temperature threshold for migration",
                ["type"] = "number",
                ["default"] = 35.0,
            },
            ["period"] = StrategySchema.Period(30),
            ["granularity"] = StrategySchema.Granularity(),
        },
    };

    public Solution Execute(StrategyContext context)
    {
        var model = StrategySchema.RequireCluster(context.Model);

        var metrics = context.RequireMetrics();
        var threshold = context.Number("threshold", 35.0);
        var period = (int)context.Number("period", 30);
        var granularity = (int)context.Number("granularity", 300);
        var solution = new Solution();

        var hot = new List<(ComputeNode Node, double Temperature)>();
        var cool = new List<(ComputeNode Node, double Temperature)>();
        foreach (var node in NodeAvailability.UpEnabled(model))
        {
            if (metrics.NodeMetric(node, MetricNames.HostOutletTemp, period, "mean", granularity) is not { } temperature) continue;
            (temperature >= threshold ? hot : cool).Add((node, temperature));
        }
        if (hot.Count == 0 || cool.Count == 0) return solution;

        var choice = hot.OrderByDescending(h => h.Temperature)
            .SelectMany(h => model.InstancesOf(h.Node).Select(i => (Source: h.Node, Instance: i)))
            .FirstOrDefault(x => !x.Instance.WatcherExclude && x.Instance.State == InstanceState.Active);
        if (choice.Instance is null) return solution;

        var destination = cool
            .Where(c => HasRoomFor(model, c.Node, choice.Instance))
            .OrderBy(c => c.Temperature)
            .Select(c => c.Node)
            .FirstOrDefault();
        if (destination is not null && model.MigrateInstance(choice.Instance, choice.Source, destination))
            solution.AddMigration(choice.Instance, "live", choice.Source, destination);
        return solution;
    }

    internal static bool HasRoomFor(ComputeModel model, ComputeNode node, Instance instance)
    {
        var free = model.FreeResources(node);
        return free.Vcpus >= instance.Vcpus && free.Disk >= instance.Disk && free.Memory >= instance.Memory;
    }
}
