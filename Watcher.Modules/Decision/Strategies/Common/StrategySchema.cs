using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Decision.Strategies.Common;

/// <summary>Schema pieces many strategies declare the same way (upstream's descriptions kept where clients show them).</summary>
public static class StrategySchema
{
    public static JsonObject Number(string description, double defaultValue) =>
        new() { ["description"] = description, ["type"] = "number", ["default"] = defaultValue };

    public static JsonObject Number(string description, int defaultValue) =>
        new() { ["description"] = description, ["type"] = "number", ["default"] = defaultValue };

    /// <summary>The metric aggregation window, in seconds.</summary>
    public static JsonObject Period(int defaultSeconds, string description = "The time interval in seconds for getting statistic aggregation") =>
        Number(description, defaultSeconds);

    public static JsonObject Granularity() =>
        Number("The time between two measures in an aggregated timeseries of a metric.", 300);

    /// <summary>aggregation_method: per resource kind; 'node' is the deprecated name of 'compute_node'.</summary>
    public static JsonObject AggregationMethod() => new()
    {
        ["description"] = "Function used to aggregate multiple measures into one value (mean, min, max...), "
            + "per resource kind; 'node' is the deprecated name of 'compute_node'.",
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["instance"] = new JsonObject { ["type"] = "string", ["default"] = "mean" },
            ["compute_node"] = new JsonObject { ["type"] = "string", ["default"] = "mean" },
            ["node"] = new JsonObject { ["type"] = "string", ["default"] = "" },
        },
        ["default"] = new JsonObject { ["instance"] = "mean", ["compute_node"] = "mean", ["node"] = "" },
    };

    /// <summary>Upstream's ClusterStateNotDefined: nothing to work on.</summary>
    public static ComputeModel RequireCluster(ComputeModel model) =>
        model.Nodes.Count == 0 && model.Instances.Count == 0
            ? throw new StrategyFailedException("The cluster state is not defined")
            : model;
}
