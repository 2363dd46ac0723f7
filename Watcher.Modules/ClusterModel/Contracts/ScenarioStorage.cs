using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// The optional storage and bare-metal sections of a watcher-scenario/1 file (docs/scenarios.md):
/// <c>storage_nodes</c>, <c>pools</c>, <c>volume_types</c>, <c>volumes</c>, <c>ironic_nodes</c>. Pool figures a
/// file leaves out are derived from the volumes placed on the pool, as Cinder would report them.
/// </summary>
internal static class ScenarioStorage
{
    public static StorageModel ParseStorage(JsonObject root)
    {
        var model = new StorageModel();
        foreach (var t in Objects(root, "volume_types"))
        {
            var name = Str(t, "name") ?? throw new FormatException("volume type without name");
            var specs = (t["extra_specs"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => Text(kv.Value));
            model.AddVolumeType(new StorageVolumeType(Str(t, "id") ?? name, name, specs));
        }

        foreach (var n in Objects(root, "storage_nodes"))
        {
            var host = Str(n, "host") ?? throw new FormatException("storage node without host");
            model.AddNode(new StorageNode
            {
                Host = host,
                Zone = Str(n, "zone") ?? "nova",
                Status = Str(n, "status") ?? NodeStatus.Enabled,
                State = Str(n, "state") ?? NodeState.Up,
                VolumeTypes = n["volume_types"] is JsonArray types ? types.Select(Text).ToList() : [],
            });
        }

        var poolObjects = Objects(root, "pools").ToList();
        foreach (var p in poolObjects)
        {
            var name = Str(p, "name") ?? throw new FormatException("pool without name");
            if (!name.Contains('#')) throw new FormatException($"pool '{name}' must be named host@backend#pool");
            var pool = new Pool
            {
                Name = name,
                TotalCapacityGb = Num(p, "total_capacity_gb") ?? 0,
                ReservedPercentage = Num(p, "reserved_percentage") ?? 0,
                MaxOverSubscriptionRatio = Num(p, "max_over_subscription_ratio") ?? 1.0,
                ThinProvisioningSupport = Bool(p, "thin_provisioning_support") ?? false,
                ThickProvisioningSupport = Bool(p, "thick_provisioning_support") ?? !(Bool(p, "thin_provisioning_support") ?? false),
                PoolName = Str(p, "pool_name") ?? name[(name.IndexOf('#') + 1)..],
            };
            if (model.FindNode(pool.NodeHost) is null) model.AddNode(new StorageNode { Host = pool.NodeHost });
            pool.VolumeBackendName = Str(p, "volume_backend_name") ?? model.FindNode(pool.NodeHost)!.BackendName;
            model.AddPool(pool);
        }

        foreach (var v in Objects(root, "volumes")) model.AddVolume(ParseVolume(v, model));

        foreach (var p in poolObjects) FillCapacities(model, model.FindPool(Str(p, "name")!)!, p);
        foreach (var node in model.Nodes.Where(n => n.VolumeTypes.Count == 0))
            node.VolumeTypes = model.TypesServedBy(node.BackendName);
        return model;
    }

    public static BaremetalModel ParseBaremetal(JsonObject root, ComputeModel compute)
    {
        var model = new BaremetalModel();
        foreach (var n in Objects(root, "ironic_nodes"))
        {
            var extra = n["extra"] is JsonObject e ? (JsonObject)JsonNode.Parse(e.ToJsonString())! : new JsonObject();
            // Convenience: name the hypervisor by hostname; Ironic itself stores its uuid in extra.compute_node_id.
            if (Str(n, "compute_node") is { } hostname)
                extra["compute_node_id"] = (compute.FindNodeByHostname(hostname)
                    ?? throw new FormatException($"ironic node backs unknown compute node '{hostname}'")).Uuid;
            model.AddNode(new IronicNode
            {
                Uuid = Str(n, "uuid") ?? throw new FormatException("ironic node without uuid"),
                Name = Str(n, "name"),
                PowerState = Str(n, "power_state") ?? "power on",
                Maintenance = Bool(n, "maintenance") ?? false,
                MaintenanceReason = Str(n, "maintenance_reason"),
                Extra = extra,
            });
        }
        return model;
    }

    private static Volume ParseVolume(JsonObject v, StorageModel model)
    {
        var uuid = Str(v, "uuid") ?? throw new FormatException("volume without uuid");
        var host = Str(v, "host");
        if (host is not null && model.FindPool(host) is null)
            throw new FormatException($"volume {uuid} is on unknown pool '{host}'");
        var type = Str(v, "volume_type");
        if (type is not null && model.FindVolumeType(type) is null)
            throw new FormatException($"volume {uuid} has unknown volume type '{type}'");
        var attachments = Objects(v, "attachments")
            .Select(a => new VolumeAttachmentRef(
                Str(a, "server_id") ?? throw new FormatException($"attachment of volume {uuid} without server_id"),
                Str(a, "attachment_id") ?? $"{uuid}-{Str(a, "server_id")}"))
            .ToList();
        return new Volume
        {
            Uuid = uuid,
            Name = Str(v, "name") ?? "",
            Size = (int)(Num(v, "size") ?? 1),
            Status = Str(v, "status") ?? (attachments.Count > 0 ? VolumeStatus.InUse : VolumeStatus.Available),
            MigrationStatus = Str(v, "migration_status"),
            Attachments = attachments,
            Multiattach = Bool(v, "multiattach") ?? false,
            SnapshotId = Str(v, "snapshot_id"),
            HasSnapshots = Bool(v, "has_snapshots") ?? false,
            ProjectId = Str(v, "project_id") ?? "",
            Metadata = v["metadata"] is JsonObject md ? (JsonObject)JsonNode.Parse(md.ToJsonString())! : new JsonObject(),
            Bootable = Bool(v, "bootable") ?? false,
            VolumeType = type is null ? null : model.FindVolumeType(type)!.Name,
            CreatedAt = Str(v, "created_at") is { } created ? DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture) : null,
            Host = host,
        };
    }

    /// <summary>Figures the file gives win; the others are what Cinder would report for the volumes on the pool.</summary>
    private static void FillCapacities(StorageModel model, Pool pool, JsonObject p)
    {
        var volumes = model.VolumesOf(pool).ToList();
        var allocated = volumes.Sum(v => (double)v.Size);
        pool.AllocatedCapacityGb = Num(p, "allocated_capacity_gb") ?? allocated;
        pool.ProvisionedCapacityGb = Num(p, "provisioned_capacity_gb") ?? pool.AllocatedCapacityGb;
        pool.FreeCapacityGb = Num(p, "free_capacity_gb") ?? pool.TotalCapacityGb - pool.AllocatedCapacityGb;
        pool.TotalVolumes = (int)(Num(p, "total_volumes") ?? volumes.Count);
        pool.VirtualFree = Num(p, "virtual_free") ?? VirtualFree(pool);
    }

    /// <summary>Cinder's calculate_virtual_free_capacity.</summary>
    public static double VirtualFree(Pool pool)
    {
        var reserved = Math.Floor(pool.TotalCapacityGb * pool.ReservedPercentage / 100);
        return pool.ThinProvisioningSupport
            ? pool.TotalCapacityGb * pool.MaxOverSubscriptionRatio - pool.ProvisionedCapacityGb - reserved
            : pool.FreeCapacityGb - reserved;
    }

    private static IEnumerable<JsonObject> Objects(JsonObject o, string key) => (o[key] as JsonArray ?? []).OfType<JsonObject>();

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static double? Num(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    private static bool? Bool(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "";
}
