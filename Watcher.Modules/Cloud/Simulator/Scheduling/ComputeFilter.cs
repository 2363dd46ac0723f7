namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>Only hosts whose nova-compute service is enabled and up can receive servers.</summary>
public sealed class ComputeFilter : IHostFilter
{
    public string Name => "ComputeFilter";

    public bool Passes(HostState host, ResourceRequest request) =>
        host.Hypervisor.ServiceStatus == "enabled" && host.Hypervisor.ServiceState == "up";
}
