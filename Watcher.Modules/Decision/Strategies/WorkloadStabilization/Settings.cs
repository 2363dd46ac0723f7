using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Strategies.Common;

namespace Watcher.Modules.Decision.Strategies.WorkloadStabilization;

public sealed partial class WorkloadStabilizationStrategy
{
    /// <summary>
    /// The audit parameters, read once. A key left out of an object parameter (a partial <c>thresholds</c> or
    /// <c>periods</c>) falls back to the schema's default, where upstream failed on the missing key — except a
    /// missing weight, which upstream reports and we report the same way.
    /// </summary>
    internal sealed class Settings
    {
        public required IReadOnlyList<string> Metrics { get; init; }
        public required JsonObject Thresholds { get; init; }
        public required JsonObject Weights { get; init; }
        public required JsonObject InstanceMetrics { get; init; }
        public required string HostChoice { get; init; }
        public required int RetryCount { get; init; }
        public required int InstancePeriod { get; init; }
        public required int NodePeriod { get; init; }
        public required string InstanceAggregate { get; init; }
        public required string NodeAggregate { get; init; }
        public required int Granularity { get; init; }
        public ulong? Seed { get; init; }

        public static Settings Read(StrategyContext context)
        {
            var metrics = context.Parameters["metrics"] is JsonArray list
                ? list.Select(m => m!.GetValue<string>()).ToList()
                : DefaultMetrics.ToList();
            var nodePeriod = context.NumberMember("periods", "node") is { } deprecated && deprecated != 0
                ? deprecated
                : context.NumberMember("periods", "compute_node") ?? 600;
            var nodeAggregate = context.Member("aggregation_method", "node") is { Length: > 0 } oldName
                ? oldName
                : context.Member("aggregation_method", "compute_node") ?? "mean";
            return new Settings
            {
                Metrics = metrics,
                Thresholds = context.Parameters["thresholds"] as JsonObject ?? [],
                Weights = context.Parameters["weights"] as JsonObject ?? [],
                InstanceMetrics = context.Parameters["instance_metrics"] as JsonObject ?? [],
                HostChoice = context.GetString("host_choice") ?? "retry",
                RetryCount = (int)context.Number("retry_count", 1),
                InstancePeriod = (int)(context.NumberMember("periods", "instance") ?? 720),
                NodePeriod = (int)nodePeriod,
                InstanceAggregate = context.Member("aggregation_method", "instance") ?? "mean",
                NodeAggregate = nodeAggregate,
                Granularity = (int)context.Number("granularity", 300),
                Seed = context.Parameters["seed"] is JsonValue seed && seed.GetValueKind() == JsonValueKind.Number
                    ? (ulong)context.GetNumber("seed") : null,
            };
        }

        public double Threshold(int metric) => NumberIn(Thresholds, Metrics[metric]) ?? 0.1;

        public double Weight(int metric) => NumberIn(Weights, Metrics[metric] + "_weight")
            ?? throw new StrategyFailedException(
                $"Incorrect mapping: could not find associated weight for {Metrics[metric]} in weight dict.");

        public string HostMetric(string instanceMetric) =>
            InstanceMetrics[instanceMetric] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : DefaultHostMetric.GetValueOrDefault(instanceMetric, MetricNames.HostCpuUsage);

        private static double? NumberIn(JsonObject o, string key) =>
            o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                ? JsonSerializer.Deserialize<double>(v.ToJsonString()) : null;
    }

    /// <summary>Instance loads (CPU as a fraction, RAM in MB), read once per instance; null when any is missing.</summary>
    internal sealed class InstanceLoadCache(IMetricsDatasource metrics, Settings settings)
    {
        private readonly Dictionary<string, InstanceLoad?> _loads = new();

        public InstanceLoad? Get(ClusterModel.Contracts.Instance instance)
        {
            if (_loads.TryGetValue(instance.Uuid, out var cached)) return cached;
            var values = new double[settings.Metrics.Count];
            InstanceLoad? load = new(instance.Vcpus, values);
            for (var k = 0; k < values.Length; k++)
            {
                var metric = settings.Metrics[k];
                var value = metrics.InstanceMetric(instance, metric, settings.InstancePeriod, settings.InstanceAggregate, settings.Granularity);
                if (value is not { } v)
                {
                    load = null;
                    break;
                }
                values[k] = metric == MetricNames.InstanceCpuUsage ? v / 100 : v;
            }
            _loads[instance.Uuid] = load;
            return load;
        }
    }
}
