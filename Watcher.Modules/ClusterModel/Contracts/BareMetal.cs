using MediatR;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// A bare-metal node (Ironic, or a MAAS machine) backing a compute hypervisor, as saving_energy sees it
/// (reference §7.13): its own id, the hypervisor it backs with that hypervisor's state and running VM count, and
/// its power state ("on", "off" or anything else for unknown).
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
/// The bare-metal nodes linked to compute hypervisors, or null when no bare-metal service (Ironic, MAAS) is
/// configured. Until the bare-metal backends exist the answer is null, and strategies that need it fail clearly.
/// </summary>
public sealed record GetBareMetalNodes : IRequest<IReadOnlyList<BareMetalNode>?>;
