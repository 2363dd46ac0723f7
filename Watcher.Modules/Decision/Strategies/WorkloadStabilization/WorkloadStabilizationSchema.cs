using System.Text.Json.Nodes;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies.WorkloadStabilization;

/// <summary>workload_stabilization's audit parameters: upstream master's schema plus our <c>seed</c>.</summary>
internal static class WorkloadStabilizationSchema
{
    private const string Cpu = MetricNames.InstanceCpuUsage;
    private const string Ram = MetricNames.InstanceRamUsage;

    public static JsonObject Build() => new()
    {
        ["properties"] = new JsonObject
        {
            ["metrics"] = new JsonObject
            {
                ["description"] = "Metrics used as rates of cluster loads.",
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Cpu, Ram) },
                ["default"] = new JsonArray(Cpu),
            },
            ["thresholds"] = new JsonObject
            {
                ["description"] = "Per metric, the standard deviation of normalised host load above which the "
                    + "cluster is rebalanced.",
                ["type"] = "object",
                ["properties"] = new JsonObject { [Cpu] = Fraction(), [Ram] = Fraction() },
                ["default"] = new JsonObject { [Cpu] = 0.1, [Ram] = 0.1 },
            },
            ["weights"] = new JsonObject
            {
                ["description"] = "Weight of each metric's standard deviation in the combined one; a weight is "
                    + "named after its metric with the suffix _weight.",
                ["type"] = "object",
                ["properties"] = new JsonObject { [Cpu + "_weight"] = Fraction(), [Ram + "_weight"] = Fraction() },
                ["default"] = new JsonObject { [Cpu + "_weight"] = 1.0, [Ram + "_weight"] = 1.0 },
            },
            ["instance_metrics"] = new JsonObject
            {
                ["description"] = "The host metric that gives a host's load for each instance metric.",
                ["type"] = "object",
                ["default"] = new JsonObject { [Cpu] = MetricNames.HostCpuUsage, [Ram] = MetricNames.HostRamUsage },
            },
            ["host_choice"] = new JsonObject
            {
                ["description"] = "How destinations are tried for each instance: cycle (the other hosts one at a "
                    + "time, round robin), retry (retry_count hosts drawn at random) or fullsearch (every host).",
                ["type"] = "string",
                ["default"] = "retry",
            },
            ["retry_count"] = new JsonObject
            {
                ["description"] = "Count of random returned hosts",
                ["type"] = "number",
                ["minimum"] = 1,
                ["default"] = 1,
            },
            ["periods"] = new JsonObject
            {
                ["description"] = "Seconds of history aggregated for instance and host metrics; 'node' is the "
                    + "deprecated name of 'compute_node' and wins when not 0.",
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["instance"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                    ["compute_node"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                    ["node"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["default"] = 0 },
                },
                ["default"] = new JsonObject { ["instance"] = 720, ["compute_node"] = 600, ["node"] = 0 },
            },
            ["aggregation_method"] = StrategySchema.AggregationMethod(),
            ["granularity"] = new JsonObject
            {
                ["description"] = "The time between two measures in an aggregated timeseries of a metric.",
                ["type"] = "number",
                ["minimum"] = 0,
                ["default"] = 300,
            },
            ["seed"] = new JsonObject
            {
                ["description"] = "Seed of the random host choice (host_choice retry). Left out, a fresh seed is drawn "
                    + "and logged; give it again to reproduce a plan. Same numbers as Python's random.seed, so "
                    + "upstream Watcher run with that seed draws the same hosts.",
                ["type"] = "integer",
                ["minimum"] = 0,
            },
        },
    };

    private static JsonObject Fraction() => new() { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1 };
}
