namespace Watcher.Modules.Planner.Planners;

/// <summary>
/// [watcher_planners.workload_stabilization] → Watcher:Planners:WorkloadStabilization. Defaults are upstream
/// master's (reference §8.2).
/// </summary>
public sealed class WorkloadStabilizationPlannerOptions
{
    public const string Section = "Watcher:Planners:WorkloadStabilization";

    /// <summary>Action type → weight; heavier types come first in the plan.</summary>
    public Dictionary<string, int> Weights { get; set; } = new()
    {
        ["turn_host_to_acpi_s3_state"] = 0,
        ["resize"] = 1,
        ["migrate"] = 2,
        ["sleep"] = 3,
        ["change_nova_service_state"] = 4,
        ["nop"] = 5,
        // Ours: upstream has no weight for it, so storage_capacity_balance's plans fail there (§19 item 16).
        ["volume_migrate"] = 6,
    };
}
