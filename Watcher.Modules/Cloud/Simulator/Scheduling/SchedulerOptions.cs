namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>
/// Section <c>Watcher:Simulator:Scheduler</c>. Multipliers default to 1.0 like Nova's
/// <c>[filter_scheduler] *_weight_multiplier</c>: positive values spread servers over the freest hosts.
/// </summary>
public sealed class SchedulerOptions
{
    public double RamWeightMultiplier { get; set; } = 1.0;
    public double CpuWeightMultiplier { get; set; } = 1.0;
    public double DiskWeightMultiplier { get; set; } = 1.0;
}
