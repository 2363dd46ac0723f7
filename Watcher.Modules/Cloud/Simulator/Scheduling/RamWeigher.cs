namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>Prefers hosts with more free RAM (a positive multiplier spreads, a negative one stacks).</summary>
public sealed class RamWeigher : IHostWeigher
{
    public string Name => "RAMWeigher";

    public double Multiplier(SchedulerOptions options) => options.RamWeightMultiplier;

    public double RawWeight(HostState host) => host.FreeMemoryMb;
}
