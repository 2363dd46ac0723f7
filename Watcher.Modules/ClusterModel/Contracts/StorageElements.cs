using System.Text.Json.Nodes;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>A cinder-volume backend (reference §10.2): <c>host@backend</c>, its zone, service status and state.</summary>
public sealed class StorageNode
{
    public required string Host { get; init; }
    public string Zone { get; set; } = "nova";
    /// <summary>Service status: "enabled" or "disabled".</summary>
    public string Status { get; set; } = NodeStatus.Enabled;
    /// <summary>Service state: "up" or "down".</summary>
    public string State { get; set; } = NodeState.Up;
    /// <summary>Names of the volume types whose volume_backend_name is this backend's.</summary>
    public List<string> VolumeTypes { get; set; } = [];

    /// <summary>The part after '@' (upstream matches volume types' volume_backend_name against it).</summary>
    public string BackendName => Host.Contains('@') ? Host[(Host.IndexOf('@') + 1)..] : Host;

    public StorageNode Clone() => new() { Host = Host, Zone = Zone, Status = Status, State = State, VolumeTypes = [.. VolumeTypes] };
}

/// <summary>
/// A Cinder pool (reference §10.2), <c>host@backend#pool</c>, with the capabilities Cinder's scheduler and the
/// storage strategies read (reserved percentage, over-subscription ratio, thin/thick support) — upstream's
/// strategies read those from Cinder directly, ours from the model. Capacities in GB.
/// </summary>
public sealed class Pool
{
    public required string Name { get; init; }
    public int TotalVolumes { get; set; }
    public double TotalCapacityGb { get; set; }
    public double FreeCapacityGb { get; set; }
    public double ProvisionedCapacityGb { get; set; }
    public double AllocatedCapacityGb { get; set; }
    public double VirtualFree { get; set; }
    public double ReservedPercentage { get; set; }
    public double MaxOverSubscriptionRatio { get; set; } = 1.0;
    public bool ThinProvisioningSupport { get; set; }
    public bool ThickProvisioningSupport { get; set; } = true;
    /// <summary>The backend's volume_backend_name capability; defaults to the part between '@' and '#'.</summary>
    public string VolumeBackendName { get; set; } = "";
    /// <summary>The pool_name capability: the part after '#'.</summary>
    public string PoolName { get; set; } = "";

    /// <summary><c>host@backend</c>: the storage node the pool belongs to.</summary>
    public string NodeHost => Name.Contains('#') ? Name[..Name.IndexOf('#')] : Name;

    public Pool Clone() => (Pool)MemberwiseClone();
}

/// <summary>A Cinder volume (reference §10.2). <see cref="Host"/> is its pool's name.</summary>
public sealed class Volume
{
    public required string Uuid { get; init; }
    public string Name { get; set; } = "";
    /// <summary>Size in GB.</summary>
    public int Size { get; set; }
    public string Status { get; set; } = VolumeStatus.Available;
    public string? MigrationStatus { get; set; }
    public List<VolumeAttachmentRef> Attachments { get; set; } = [];
    public bool Multiattach { get; set; }
    public string? SnapshotId { get; set; }
    /// <summary>Whether snapshots of this volume exist (storage_capacity_balance leaves such volumes alone).</summary>
    public bool HasSnapshots { get; set; }
    public string ProjectId { get; set; } = "";
    public JsonObject Metadata { get; set; } = new();
    public bool Bootable { get; set; }
    /// <summary>The volume type's name, or null.</summary>
    public string? VolumeType { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>The pool the volume lives on (<c>host@backend#pool</c>).</summary>
    public string? Host { get; set; }
    public Volume Clone()
    {
        var copy = (Volume)MemberwiseClone();
        copy.Attachments = [.. Attachments];
        copy.Metadata = (JsonObject)JsonNode.Parse(Metadata.ToJsonString())!;
        return copy;
    }
}

/// <summary>A volume's attachment: the server and the attachment id.</summary>
public sealed record VolumeAttachmentRef(string ServerId, string AttachmentId);

/// <summary>A volume type and its extra specs.</summary>
public sealed record StorageVolumeType(string Id, string Name, IReadOnlyDictionary<string, string> ExtraSpecs)
{
    public string? BackendName => ExtraSpecs.GetValueOrDefault("volume_backend_name");
}

/// <summary>Cinder volume statuses the strategies and actions test.</summary>
public static class VolumeStatus
{
    public const string Available = "available";
    public const string InUse = "in-use";
    public const string Retyping = "retyping";
    public const string Maintenance = "maintenance";
    public const string Error = "error";
}
