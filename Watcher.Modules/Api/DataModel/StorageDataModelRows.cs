using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Api.DataModel;

/// <summary>
/// Rows of <c>GET /v1/data_model?data_model_type=storage</c> (ours: upstream answers 404 for any type but compute).
/// Shaped like the compute rows: one row per (storage node, pool, volume), a pool without volumes and a node
/// without pools give shorter rows; nodes sorted by host, pools by name, volumes by uuid. The keys are a fixed
/// list, prefixed <c>node_</c>, <c>pool_</c> and <c>volume_</c>, named after the model's fields (reference §10.2).
/// </summary>
internal static class StorageDataModelRows
{
    public static JsonArray Build(StorageModel model)
    {
        var rows = new JsonArray();
        foreach (var node in model.Nodes.OrderBy(n => n.Host, StringComparer.Ordinal))
        {
            var pools = model.PoolsOf(node).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            if (pools.Count == 0) rows.Add(NodeRow(node));
            foreach (var pool in pools)
            {
                var volumes = model.VolumesOf(pool).OrderBy(v => v.Uuid, StringComparer.Ordinal).ToList();
                if (volumes.Count == 0) rows.Add(PoolRow(node, pool));
                foreach (var volume in volumes)
                {
                    var row = PoolRow(node, pool);
                    AddVolume(row, volume);
                    rows.Add(row);
                }
            }
        }
        return rows;
    }

    private static JsonObject NodeRow(StorageNode node) => new()
    {
        ["node_host"] = node.Host, ["node_zone"] = node.Zone, ["node_status"] = node.Status, ["node_state"] = node.State,
        ["node_volume_type"] = new JsonArray(node.VolumeTypes.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
    };

    private static JsonObject PoolRow(StorageNode node, Pool pool)
    {
        var row = NodeRow(node);
        row["pool_name"] = pool.Name;
        row["pool_total_volumes"] = pool.TotalVolumes;
        row["pool_total_capacity_gb"] = pool.TotalCapacityGb;
        row["pool_free_capacity_gb"] = pool.FreeCapacityGb;
        row["pool_provisioned_capacity_gb"] = pool.ProvisionedCapacityGb;
        row["pool_allocated_capacity_gb"] = pool.AllocatedCapacityGb;
        row["pool_virtual_free"] = pool.VirtualFree;
        return row;
    }

    private static void AddVolume(JsonObject row, Volume volume)
    {
        row["volume_uuid"] = volume.Uuid;
        row["volume_name"] = volume.Name;
        row["volume_size"] = volume.Size;
        row["volume_status"] = volume.Status;
        row["volume_attachments"] = new JsonArray(volume.Attachments
            .Select(a => (JsonNode)new JsonObject { ["server_id"] = a.ServerId, ["attachment_id"] = a.AttachmentId }).ToArray());
        row["volume_multiattach"] = volume.Multiattach;
        row["volume_snapshot_id"] = volume.SnapshotId;
        row["volume_project_id"] = volume.ProjectId;
        row["volume_metadata"] = JsonNode.Parse(volume.Metadata.ToJsonString());
        row["volume_bootable"] = volume.Bootable;
        row["volume_volume_type"] = volume.VolumeType;
        row["volume_created_at"] = volume.CreatedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'");
    }
}
