using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Empties one compute node for maintenance (reference §7.16, upstream master): disable it with reason
/// watcher_maintaining and move every instance away, onto the backup node when it can take them all, else
/// wherever the scheduler decides. Like upstream, instances excluded by the audit scope are moved too
/// (§19 item 18, kept).
/// </summary>
public sealed class HostMaintenanceStrategy : IStrategy
{
    public const string PluginName = "host_maintenance";
    public const string ReasonForMaintaining = "watcher_maintaining";

    public string Name => PluginName;
    public string GoalName => ClusterMaintainingGoal.PluginName;
    public string DisplayName => "Host Maintenance Strategy";
    public IReadOnlyList<string> RequiredMetrics => [];

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["maintenance_node"] = new JsonObject
            {
                ["description"] = "The name of the compute node which need maintenance",
                ["type"] = "string",
            },
            ["backup_node"] = new JsonObject
            {
                ["description"] = "The name of the compute node which will backup the maintenance node.",
                ["type"] = "string",
            },
            ["disable_live_migration"] = new JsonObject
            {
                ["description"] = "Disable live migration in maintenance. If True, active instances will be cold "
                    + "migrated if `disable_cold_migration` is not set, otherwise they will be stopped.",
                ["type"] = "boolean",
                ["default"] = false,
            },
            ["disable_cold_migration"] = new JsonObject
            {
                ["description"] = "Disable cold migration in maintenance. If True, non-active instances will not be "
                    + "cold migrated.",
                ["type"] = "boolean",
                ["default"] = false,
            },
        },
        ["required"] = new JsonArray("maintenance_node"),
    };

    public Solution Execute(StrategyContext context)
    {
        var model = context.Model;
        var solution = new Solution();
        var maintenance = FindNode(model, context.GetString("maintenance_node"));
        var options = new HandlingOptions(context.GetBool("disable_live_migration"), context.GetBool("disable_cold_migration"));

        // An empty node only needs disabling, unless a previous run already did it; then upstream falls through
        // and emits the (redundant) disable anyway (§19 item 33, kept).
        if (model.InstancesOf(maintenance).Count == 0 && maintenance.DisabledReason != ReasonForMaintaining)
        {
            AddDisable(solution, maintenance);
            return solution;
        }

        var backupName = context.GetString("backup_node");
        var backup = string.IsNullOrEmpty(backupName) ? null : FindNode(model, backupName);
        if (backup is not null && Fits(model, maintenance, backup))
        {
            if (backup.Status != NodeStatus.Enabled)
                solution.AddAction("change_nova_service_state", backup.Uuid,
                    new JsonObject { ["state"] = NodeStatus.Enabled, ["resource_name"] = backup.Hostname });
            AddDisable(solution, maintenance);
            foreach (var instance in model.InstancesOf(maintenance))
                Handle(solution, instance, maintenance, backup, options);
            return solution;
        }

        AddDisable(solution, maintenance);
        foreach (var instance in model.InstancesOf(maintenance))
            Handle(solution, instance, maintenance, null, options);
        return solution;
    }

    private readonly record struct HandlingOptions(bool NoLive, bool NoCold);

    private static ComputeNode FindNode(ComputeModel model, string? hostname) =>
        model.FindNodeByHostname(hostname ?? "")
        ?? throw new StrategyFailedException($"The compute node {hostname} could not be found");

    /// <summary>The backup can take everything: used vcpus and memory of the source fit in its free ones.</summary>
    private static bool Fits(ComputeModel model, ComputeNode source, ComputeNode destination)
    {
        var used = model.UsedResources(source);
        var free = model.FreeResources(destination);
        return used.Vcpus <= free.Vcpus && used.Memory <= free.Memory;
    }

    private static void AddDisable(Solution solution, ComputeNode node) =>
        solution.AddAction("change_nova_service_state", node.Uuid, new JsonObject
        {
            ["state"] = NodeStatus.Disabled,
            ["disabled_reason"] = ReasonForMaintaining,
            ["resource_name"] = node.Hostname,
        });

    /// <summary>Stop, live-migrate, cold-migrate or leave one instance, by its state and the two disable flags.</summary>
    private static void Handle(Solution solution, Instance instance, ComputeNode source, ComputeNode? destination, HandlingOptions options)
    {
        var active = instance.State == InstanceState.Active;
        if (options.NoLive && options.NoCold)
        {
            if (active) solution.AddAction("stop", instance.Uuid);
            return;
        }
        if (!active && options.NoCold) return;
        var migrationType = active && !options.NoLive ? "live" : "cold";

        var input = new JsonObject
        {
            ["migration_type"] = migrationType,
            ["source_node"] = source.Hostname,
            ["resource_name"] = instance.Name,
        };
        if (destination is not null) input["destination_node"] = destination.Hostname;
        solution.AddAction("migrate", instance.Uuid, input);
    }
}
