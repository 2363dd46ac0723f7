using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>A metric value from a scenario: one number, optionally with per-period overrides.</summary>
public sealed record ScenarioMetric(double Value, IReadOnlyDictionary<int, double>? ByPeriod = null)
{
    public double At(int periodSeconds) =>
        ByPeriod is not null && ByPeriod.TryGetValue(periodSeconds, out var v) ? v : Value;
}

/// <summary>
/// A cluster scenario in the shared "watcher-scenario/1" format (../shared/scenarios/FORMAT.md): the compute
/// model plus the metric values a datasource would answer for it.
/// </summary>
public sealed class Scenario
{
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public required ComputeModel Model { get; init; }
    /// <summary>Per strategy name, the audit parameters the scenario suggests.</summary>
    public JsonObject Parameters { get; init; } = new();
    /// <summary>node uuid -> metric name -> value.</summary>
    public Dictionary<string, Dictionary<string, ScenarioMetric>> NodeMetrics { get; init; } = new();
    /// <summary>instance uuid -> metric name -> value.</summary>
    public Dictionary<string, Dictionary<string, ScenarioMetric>> InstanceMetrics { get; init; } = new();
    /// <summary>instance uuid -> load profile the simulator gives it (our extension: an instance's "load_profile").</summary>
    public Dictionary<string, string> Profiles { get; init; } = new();
    /// <summary>Storage nodes, pools, volume types and volumes (optional sections; empty when absent).</summary>
    public StorageModel Storage { get; init; } = new();
    /// <summary>Ironic nodes (optional section; empty when absent).</summary>
    public BaremetalModel Baremetal { get; init; } = new();

    public static Scenario Load(string path) => Parse(File.ReadAllText(path));

    public static Scenario Parse(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A scenario must be a JSON object");
        var format = root["format"]?.GetValue<string>();
        if (format is not null && format != "watcher-scenario/1")
            throw new FormatException($"Unsupported scenario format '{format}' (expected watcher-scenario/1)");

        var model = new ComputeModel();
        var nodeMetrics = new Dictionary<string, Dictionary<string, ScenarioMetric>>();
        var instanceMetrics = new Dictionary<string, Dictionary<string, ScenarioMetric>>();
        var profiles = new Dictionary<string, string>();

        foreach (var n in (root["compute_nodes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var node = new ComputeNode
            {
                Uuid = Str(n, "uuid") ?? throw new FormatException("compute node without uuid"),
                Hostname = Str(n, "hostname") ?? throw new FormatException("compute node without hostname"),
                State = Str(n, "state") ?? NodeState.Up,
                Status = Str(n, "status") ?? NodeStatus.Enabled,
                DisabledReason = Str(n, "disabled_reason"),
                Vcpus = Int(n, "vcpus"),
                Memory = Int(n, "memory_mb"),
                Disk = Int(n, "disk_gb"),
                VcpuRatio = Num(n, "vcpu_allocation_ratio", 1.0),
                MemoryRatio = Num(n, "memory_allocation_ratio", 1.0),
                DiskRatio = Num(n, "disk_allocation_ratio", 1.0),
                VcpuReserved = Int(n, "vcpu_reserved"),
                MemoryMbReserved = Int(n, "memory_mb_reserved"),
                DiskGbReserved = Int(n, "disk_gb_reserved"),
                AvailabilityZone = Str(n, "availability_zone"),
                Aggregates = (n["aggregates"] as JsonArray ?? []).Select(a => a!.GetValue<string>()).ToList(),
            };
            model.AddNode(node);
            nodeMetrics[node.Uuid] = Metrics(n["metrics"]);
        }

        foreach (var i in (root["instances"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var instance = new Instance
            {
                Uuid = Str(i, "uuid") ?? throw new FormatException("instance without uuid"),
                Name = Str(i, "name") ?? "",
                State = Str(i, "state") ?? InstanceState.Active,
                Vcpus = Int(i, "vcpus"),
                Memory = Int(i, "memory_mb"),
                Disk = Int(i, "disk_gb"),
                ProjectId = Str(i, "project_id") ?? "",
                Locked = i["locked"]?.GetValue<bool>() ?? false,
                WatcherExclude = i["watcher_exclude"]?.GetValue<bool>() ?? false,
                Created = Str(i, "created") is { } created ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture) : null,
                Metadata = i["metadata"] is JsonObject md ? (JsonObject)JsonNode.Parse(md.ToJsonString())! : new JsonObject(),
            };
            model.AddInstance(instance);
            instanceMetrics[instance.Uuid] = Metrics(i["metrics"]);
            if (Str(i, "load_profile") is { } profile) profiles[instance.Uuid] = profile;
            if (Str(i, "host") is { } host)
            {
                var node = model.FindNodeByHostname(host) ?? model.FindNode(host)
                    ?? throw new FormatException($"instance {instance.Uuid} is placed on unknown host '{host}'");
                model.MapInstance(instance, node);
            }
        }

        return new Scenario
        {
            Name = Str(root, "name") ?? "",
            Description = Str(root, "description") ?? "",
            Model = model,
            Parameters = root["parameters"] is JsonObject p ? (JsonObject)JsonNode.Parse(p.ToJsonString())! : new JsonObject(),
            NodeMetrics = nodeMetrics,
            InstanceMetrics = instanceMetrics,
            Profiles = profiles,
            Storage = ScenarioStorage.ParseStorage(root),
            Baremetal = ScenarioStorage.ParseBaremetal(root, model),
        };
    }

    private static Dictionary<string, ScenarioMetric> Metrics(JsonNode? node)
    {
        var result = new Dictionary<string, ScenarioMetric>();
        if (node is not JsonObject metrics) return result;
        foreach (var (name, value) in metrics)
        {
            switch (value)
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                    result[name] = new ScenarioMetric(v.GetValue<double>());
                    break;
                case JsonObject o when o["value"] is JsonValue ov && ov.GetValueKind() == JsonValueKind.Number:
                    var byPeriod = (o["by_period"] as JsonObject ?? [])
                        .Where(kv => kv.Value is JsonValue)
                        .ToDictionary(kv => (int)double.Parse(kv.Key, CultureInfo.InvariantCulture), kv => kv.Value!.GetValue<double>());
                    result[name] = new ScenarioMetric(ov.GetValue<double>(), byPeriod);
                    break;
            }
        }
        return result;
    }

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int Int(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)v.GetValue<double>() : 0;

    private static double Num(JsonObject o, string key, double fallback) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : fallback;
}
