namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>Prefers hosts with more free local disk.</summary>
public sealed class DiskWeigher : IHostWeigher
{
    public string Name => "DiskWeigher";

    public double Multiplier(SchedulerOptions options) => options.DiskWeightMultiplier;

    public double RawWeight(HostState host) => host.FreeDiskGb;
}
