namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>Free memory (after reserved and allocation ratio) must hold the flavor's RAM.</summary>
public sealed class RamFilter : IHostFilter
{
    public string Name => "RamFilter";

    public bool Passes(HostState host, ResourceRequest request) => host.FreeMemoryMb >= request.MemoryMb;
}
