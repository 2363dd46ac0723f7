namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>Prefers hosts with more free vCPUs.</summary>
public sealed class CpuWeigher : IHostWeigher
{
    public string Name => "CPUWeigher";

    public double Multiplier(SchedulerOptions options) => options.CpuWeightMultiplier;

    public double RawWeight(HostState host) => host.FreeVcpus;
}
