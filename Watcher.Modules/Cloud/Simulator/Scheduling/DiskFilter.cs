namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>Free local disk (after reserved and allocation ratio) must hold the flavor's disk.</summary>
public sealed class DiskFilter : IHostFilter
{
    public string Name => "DiskFilter";

    public bool Passes(HostState host, ResourceRequest request) => host.FreeDiskGb >= request.DiskGb;
}
