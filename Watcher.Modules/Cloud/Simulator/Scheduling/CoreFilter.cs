namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>Free vCPUs (after reserved and allocation ratio) must hold the flavor's vCPUs.</summary>
public sealed class CoreFilter : IHostFilter
{
    public string Name => "CoreFilter";

    public bool Passes(HostState host, ResourceRequest request) => host.FreeVcpus >= request.Vcpus;
}
