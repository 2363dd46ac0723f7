namespace Watcher.Modules.Planner.Planners;

/// <summary>[watcher_planners.weight] → Watcher:Planners:Weight. Defaults are upstream master's (reference §8.1).</summary>
public sealed class WeightPlannerOptions
{
    public const string Section = "Watcher:Planners:Weight";

    /// <summary>Action type → weight; heavier types run earlier. Two types must not share a weight.</summary>
    public Dictionary<string, int> Weights { get; set; } = new()
    {
        ["nop"] = 70,
        ["volume_migrate"] = 60,
        ["change_nova_service_state"] = 50,
        ["sleep"] = 40,
        ["stop"] = 35,
        ["migrate"] = 30,
        ["resize"] = 20,
        ["turn_host_to_acpi_s3_state"] = 10,
        ["change_node_power_state"] = 9,
    };

    /// <summary>Action type → how many actions of that type may run side by side (one layer).</summary>
    public Dictionary<string, int> Parallelization { get; set; } = new()
    {
        ["turn_host_to_acpi_s3_state"] = 2,
        ["resize"] = 2,
        ["stop"] = 2,
        ["migrate"] = 2,
        ["sleep"] = 1,
        ["change_nova_service_state"] = 1,
        ["nop"] = 1,
        ["change_node_power_state"] = 2,
        ["volume_migrate"] = 2,
    };
}
