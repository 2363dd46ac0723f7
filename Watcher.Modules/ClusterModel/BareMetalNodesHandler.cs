using MediatR;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// The bare-metal nodes behind compute hypervisors, as saving_energy reads them (reference §7.13): each Ironic node
/// of the bare-metal model whose <c>extra.compute_node_id</c> names a hypervisor of the compute model, with that
/// hypervisor's hostname, nova-compute state and instance count (Nova's running_vms) and the node's power in
/// upstream's words ("power on" → on, "power off" → off, anything else left as it is and so ignored). Nodes without
/// a compute_node_id, or naming a hypervisor Nova does not have, are left out as upstream skips them. Null when the
/// cloud has no bare-metal service.
/// </summary>
public sealed class BareMetalNodesHandler(IBareMetalCloud cloud, BaremetalModelStore baremetal, ComputeModelStore compute)
    : IRequestHandler<GetBareMetalNodes, IReadOnlyList<BareMetalNode>?>
{
    public async Task<IReadOnlyList<BareMetalNode>?> Handle(GetBareMetalNodes request, CancellationToken cancellationToken)
    {
        if (!cloud.IsDeployed) return null;
        var nodes = await baremetal.GetCopyAsync(cancellationToken);
        var hypervisors = await compute.GetCopyAsync(cancellationToken);
        var result = new List<BareMetalNode>();
        foreach (var node in nodes.Nodes)
        {
            if (node.ComputeNodeId is not { } id || hypervisors.FindNode(id) is not { } hypervisor) continue;
            result.Add(new BareMetalNode(node.Uuid, hypervisor.Hostname, hypervisor.State, hypervisors.InstancesOf(hypervisor).Count,
                Power(node.PowerState), HypervisorUpWhenPoweredOff: !cloud.ComputeServiceRunsOnNode));
        }
        return result;
    }

    private static string Power(string? ironic) => ironic switch
    {
        IronicPower.On => PowerStates.On,
        IronicPower.Off => PowerStates.Off,
        _ => ironic ?? "unknown",
    };
}
