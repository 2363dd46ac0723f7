using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// Builds the storage model from the cloud (reference §10.2): one node per cinder-volume service, its pools (a pool
/// belongs to the node named before its '#'), all projects' volumes mapped to the pool their host names, and the
/// volume types. Pools of an unknown backend and volumes on an unknown pool are left out, as upstream's graph
/// cannot hold them.
/// </summary>
public sealed class StorageModelCollector(IBlockStorageCloud cloud) : IModelCollector<StorageModel>
{
    public async Task<StorageModel> CollectAsync(CancellationToken ct)
    {
        var services = await cloud.ListStorageServicesAsync(ct);
        var pools = await cloud.ListPoolsAsync(ct);
        var volumes = await cloud.ListVolumesAsync(ct);
        var types = await cloud.ListVolumeTypesAsync(ct);

        var model = new StorageModel();
        foreach (var t in types) model.AddVolumeType(new StorageVolumeType(t.Id, t.Name, t.ExtraSpecs));
        foreach (var s in services)
        {
            var node = new StorageNode { Host = s.Host, Zone = s.Zone, Status = s.Status, State = s.State };
            node.VolumeTypes = model.TypesServedBy(node.BackendName);
            model.AddNode(node);
        }
        foreach (var p in pools)
        {
            var pool = ToPool(p);
            if (model.FindNode(pool.NodeHost) is not null) model.AddPool(pool);
        }
        foreach (var v in volumes)
        {
            if (v.Host is not null && model.FindPool(v.Host) is not null) model.AddVolume(ToVolume(v));
        }
        return model;
    }

    internal static Pool ToPool(StoragePool p)
    {
        var pool = new Pool
        {
            Name = p.Name, TotalVolumes = p.TotalVolumes, TotalCapacityGb = p.TotalCapacityGb, FreeCapacityGb = p.FreeCapacityGb,
            ProvisionedCapacityGb = p.ProvisionedCapacityGb, AllocatedCapacityGb = p.AllocatedCapacityGb,
            ReservedPercentage = p.ReservedPercentage, MaxOverSubscriptionRatio = p.MaxOverSubscriptionRatio,
            ThinProvisioningSupport = p.ThinProvisioningSupport, ThickProvisioningSupport = p.ThickProvisioningSupport,
            VolumeBackendName = p.VolumeBackendName, PoolName = p.PoolName,
        };
        pool.VirtualFree = ScenarioStorage.VirtualFree(pool);
        return pool;
    }

    internal static Volume ToVolume(CloudVolume v) => new()
    {
        Uuid = v.Id, Name = v.Name, Size = v.Size, Status = v.Status, MigrationStatus = v.MigrationStatus,
        Attachments = v.Attachments.Select(a => new VolumeAttachmentRef(a.ServerId, a.AttachmentId)).ToList(),
        Multiattach = v.Multiattach, SnapshotId = v.SnapshotId, HasSnapshots = v.HasSnapshots, ProjectId = v.ProjectId,
        Metadata = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(v.Metadata.ToJsonString())!,
        Bootable = v.Bootable, VolumeType = v.VolumeType, CreatedAt = v.CreatedAt, Host = v.Host,
    };
}

/// <summary>Builds the bare-metal model from the Ironic node list (reference §10.3).</summary>
public sealed class BaremetalModelCollector(IBareMetalCloud cloud) : IModelCollector<BaremetalModel>
{
    public async Task<BaremetalModel> CollectAsync(CancellationToken ct)
    {
        var model = new BaremetalModel();
        foreach (var n in await cloud.ListNodesAsync(ct))
            model.AddNode(new IronicNode
            {
                Uuid = n.Uuid, Name = n.Name, PowerState = n.PowerState, Maintenance = n.Maintenance,
                MaintenanceReason = n.MaintenanceReason,
                Extra = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(n.Extra.ToJsonString())!,
            });
        return model;
    }
}

public sealed class StorageModelStore(IServiceScopeFactory scopes, ILogger<StorageModelStore> log)
    : CollectedModelStore<StorageModel, StorageModelCollector>("storage", scopes, log)
{
    protected override StorageModel Copy(StorageModel model) => model.Clone();
}

public sealed class BaremetalModelStore(IServiceScopeFactory scopes, ILogger<BaremetalModelStore> log)
    : CollectedModelStore<BaremetalModel, BaremetalModelCollector>("baremetal", scopes, log)
{
    protected override BaremetalModel Copy(BaremetalModel model) => model.Clone();
}
