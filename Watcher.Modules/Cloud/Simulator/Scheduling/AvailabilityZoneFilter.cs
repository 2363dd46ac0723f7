namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>A server booted into an availability zone stays in it: only hosts of that zone pass.</summary>
public sealed class AvailabilityZoneFilter : IHostFilter
{
    public string Name => "AvailabilityZoneFilter";

    public bool Passes(HostState host, ResourceRequest request) =>
        request.AvailabilityZone is null || host.Hypervisor.AvailabilityZone == request.AvailabilityZone;
}
