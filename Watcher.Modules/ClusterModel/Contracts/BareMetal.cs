using MediatR;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// A bare-metal node (Ironic, or a MAAS machine) backing a compute hypervisor, as saving_energy sees it
/// (reference §7.13): its own id, the hypervisor it backs with that hypervisor's state and running VM count, and
/// its power state ("on", "off" or anything else for unknown). <see cref="HypervisorUpWhenPoweredOff"/> is false
/// where nova-compute runs on the node itself (the simulator), so a powered-off node's hypervisor is down.
/// </summary>
public sealed record BareMetalNode(
    string Id,
    string HypervisorHostname,
    string HypervisorState,
    int RunningVms,
    string PowerState,
    bool HypervisorUpWhenPoweredOff = true);

public static class PowerStates
{
    public const string On = "on";
    public const string Off = "off";
}

/// <summary>
/// The bare-metal nodes linked to compute hypervisors (from the bare-metal and compute models), or null when the
/// cloud has no bare-metal service; strategies that need one then fail clearly.
/// </summary>
public sealed record GetBareMetalNodes : IRequest<IReadOnlyList<BareMetalNode>?>;
