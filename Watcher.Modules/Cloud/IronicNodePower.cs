namespace Watcher.Modules.Cloud;

/// <summary>
/// <see cref="INodePower"/> over a bare-metal service (reference §9.8): the node by its Ironic uuid, its power in
/// upstream's on/off reading of Ironic's states, and the hypervisor it backs (<c>extra.compute_node_id</c>) with the
/// servers that hypervisor runs. A node the bare-metal service does not know is looked up in
/// <paramref name="fallback"/> when one is given (the simulator's compute hosts), else it is not found.
/// </summary>
public sealed class IronicNodePower(IBareMetalCloud ironic, IComputeCloud compute, INodePower? fallback = null) : INodePower
{
    public async Task<NodePower?> GetNodePowerAsync(string nodeId, CancellationToken ct = default)
    {
        var node = await ironic.GetNodeAsync(nodeId, ct);
        if (node is null) return fallback is null ? null : await fallback.GetNodePowerAsync(nodeId, ct);
        var hypervisor = node.ComputeNodeId is { } id
            ? (await compute.ListHypervisorsAsync(ct)).FirstOrDefault(h => h.Uuid == id)
            : null;
        var running = hypervisor is null ? 0 : (await compute.ListServersAsync(ct)).Count(s => s.Host == hypervisor.Hostname);
        var target = node.TargetPowerState is { } t ? IronicPower.Simple(t) : null;
        return new NodePower(node.Uuid, node.Name ?? node.Uuid, IronicPower.Simple(node.PowerState), hypervisor?.Hostname, running, target);
    }

    public async Task SetNodePowerAsync(string nodeId, bool on, CancellationToken ct = default)
    {
        if (fallback is not null && await ironic.GetNodeAsync(nodeId, ct) is null)
        {
            await fallback.SetNodePowerAsync(nodeId, on, ct);
            return;
        }
        await ironic.SetPowerStateAsync(nodeId, on, ct);
    }
}
