using System.Text.Json.Nodes;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// Builds the compute model from the cloud (reference §10.1): one node per hypervisor, one instance per
/// server placed on a known hypervisor. Each build starts from scratch, so hosts that disappeared from the
/// cloud disappear from the model. Servers already deleted, or without a known host, are not part of the model
/// (upstream lists servers host by host, so it never sees them either). A server caught mid-migration counts
/// on both hosts: mapped to the one Nova names, its flavor also held on the other (as Placement does).
/// </summary>
public sealed class ComputeModelCollector(IComputeCloud cloud) : IModelCollector<ComputeModel>
{
    public async Task<ComputeModel> CollectAsync(CancellationToken ct)
    {
        var hypervisors = await cloud.ListHypervisorsAsync(ct);
        var servers = await cloud.ListServersAsync(ct);

        var model = new ComputeModel();
        foreach (var hypervisor in hypervisors) model.AddNode(ToNode(hypervisor));
        foreach (var server in servers)
        {
            if (server.VmState == InstanceState.Deleted || server.Host is null) continue;
            var node = model.FindNodeByHostname(server.Host);
            if (node is null) continue;
            var instance = ToInstance(server);
            model.AddInstance(instance);
            model.MapInstance(instance, node);
            if (server.MigrationPeerHost is { } peerHost && model.FindNodeByHostname(peerHost) is { } peer && peer != node)
                peer.HeldByMigrations = new NodeResources(
                    peer.HeldByMigrations.Vcpus + instance.Vcpus,
                    peer.HeldByMigrations.Memory + instance.Memory,
                    peer.HeldByMigrations.Disk + instance.Disk);
        }
        return model;
    }

    internal static ComputeNode ToNode(Hypervisor h) => new()
    {
        Uuid = h.Uuid,
        Hostname = h.Hostname,
        Status = h.ServiceStatus,
        State = h.ServiceState,
        DisabledReason = h.DisabledReason,
        Vcpus = h.Vcpus,
        VcpuReserved = h.VcpuReserved,
        VcpuRatio = h.VcpuAllocationRatio,
        Memory = h.MemoryMb,
        MemoryMbReserved = h.MemoryMbReserved,
        MemoryRatio = h.MemoryAllocationRatio,
        Disk = h.DiskGb,
        DiskGbReserved = h.DiskGbReserved,
        DiskRatio = h.DiskAllocationRatio,
        AvailabilityZone = h.AvailabilityZone,
        Aggregates = h.Aggregates.ToList(),
    };

    internal static Instance ToInstance(Server s) => new()
    {
        Uuid = s.Id,
        Name = s.Name,
        State = s.VmState,
        Vcpus = s.Vcpus,
        Memory = s.MemoryMb,
        Disk = s.DiskGb,
        ProjectId = s.ProjectId,
        Locked = s.Locked,
        // The cloud's record must not be shared with a model strategies mutate.
        Metadata = (JsonObject)JsonNode.Parse(s.Metadata.ToJsonString())!,
    };
}
