using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Strategies.Common;

/// <summary>Node filters most strategies share (reference §7.0 "Availability filters").</summary>
public static class NodeAvailability
{
    /// <summary>"up-enabled": service up and enabled, in model order.</summary>
    public static List<ComputeNode> UpEnabled(ComputeModel model) =>
        model.Nodes.Where(n => n.IsUp && n.Status == NodeStatus.Enabled).ToList();

    /// <summary>"up-any": service up, enabled or disabled, in model order.</summary>
    public static List<ComputeNode> UpAny(ComputeModel model) =>
        model.Nodes.Where(n => n.IsUp && n.Status is NodeStatus.Enabled or NodeStatus.Disabled).ToList();
}

public static class SolutionMigrations
{
    /// <summary>
    /// Upstream's add_action_migrate: a migrate action naming source and destination by hostname (what the
    /// migrate action needs, §9.8).
    /// </summary>
    public static void AddMigration(this Solution solution, Instance instance, string migrationType,
        ComputeNode source, ComputeNode destination) =>
        solution.AddAction("migrate", instance.Uuid, new JsonObject
        {
            ["migration_type"] = migrationType,
            ["source_node"] = source.Hostname,
            ["destination_node"] = destination.Hostname,
            ["resource_name"] = instance.Name,
        });
}

/// <summary>Typed reads of validated audit parameters (defaults already filled in by the schema).</summary>
public static class ParameterReading
{
    public static double Number(this StrategyContext context, string name, double fallback) =>
        context.Parameters[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? context.GetNumber(name) : fallback;

    /// <summary>A string member of an object parameter, e.g. aggregation_method.instance.</summary>
    public static string? Member(this StrategyContext context, string name, string member) =>
        context.Parameters[name] is JsonObject o && o[member] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>() : null;

    /// <summary>A numeric member of an object parameter, e.g. periods.instance.</summary>
    public static double? NumberMember(this StrategyContext context, string name, string member) =>
        context.Parameters[name] is JsonObject o && o[member] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? JsonSerializer.Deserialize<double>(v.ToJsonString()) : null;
}
