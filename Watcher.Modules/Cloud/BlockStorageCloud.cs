using System.Text.Json.Nodes;

namespace Watcher.Modules.Cloud;

/// <summary>
/// What Watcher needs from block storage (Cinder), shaped like Cinder's REST API so the embedded simulator and a
/// real Cinder are interchangeable. Migrations and retypes return once accepted; callers poll
/// <see cref="GetVolumeAsync"/> (migration_status, status, volume type) as they would poll Cinder.
/// </summary>
public interface IBlockStorageCloud
{
    /// <summary>cinder-volume services: one per backend (<c>host@backend</c>).</summary>
    Task<IReadOnlyList<StorageService>> ListStorageServicesAsync(CancellationToken ct = default);

    /// <summary>Pools with their capabilities (scheduler-stats get_pools, detail).</summary>
    Task<IReadOnlyList<StoragePool>> ListPoolsAsync(CancellationToken ct = default);

    /// <summary>Volumes of all projects.</summary>
    Task<IReadOnlyList<CloudVolume>> ListVolumesAsync(CancellationToken ct = default);

    /// <summary>One volume, or null when it does not exist.</summary>
    Task<CloudVolume?> GetVolumeAsync(string volumeId, CancellationToken ct = default);

    /// <summary>Volume types with their extra specs.</summary>
    Task<IReadOnlyList<VolumeType>> ListVolumeTypesAsync(CancellationToken ct = default);

    /// <summary>
    /// os-migrate_volume: move the volume to pool <paramref name="host"/> (<c>host@backend#pool</c>); null lets the
    /// scheduler choose. Throws <see cref="CloudException"/> when refused (NoValidBackend, wrong state...).
    /// </summary>
    Task MigrateVolumeAsync(string volumeId, string? host, bool forceHostCopy = false, bool lockVolume = true, CancellationToken ct = default);

    /// <summary>os-retype to a type (name or id); <paramref name="migrationPolicy"/> "never" or "on-demand".</summary>
    Task RetypeVolumeAsync(string volumeId, string newType, string migrationPolicy = "on-demand", CancellationToken ct = default);
}

/// <summary>A cinder-volume service: <c>host@backend</c>, its availability zone, status (enabled) and state (up).</summary>
public sealed record StorageService(string Host, string Zone, string Status, string State);

/// <summary>A Cinder pool as scheduler-stats reports it (capacities in GB).</summary>
public sealed record StoragePool
{
    /// <summary><c>host@backend#pool</c>.</summary>
    public required string Name { get; init; }
    public double TotalCapacityGb { get; init; }
    public double FreeCapacityGb { get; init; }
    public double ProvisionedCapacityGb { get; init; }
    public double AllocatedCapacityGb { get; init; }
    public int TotalVolumes { get; init; }
    public double ReservedPercentage { get; init; }
    public double MaxOverSubscriptionRatio { get; init; } = 1.0;
    public bool ThinProvisioningSupport { get; init; }
    public bool ThickProvisioningSupport { get; init; } = true;
    /// <summary>The backend's volume_backend_name capability (what volume types name).</summary>
    public string VolumeBackendName { get; init; } = "";
    /// <summary>The pool_name capability (the part after '#').</summary>
    public string PoolName { get; init; } = "";
}

/// <summary>A volume as Cinder reports it to an admin.</summary>
public sealed record CloudVolume
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public int Size { get; init; }
    /// <summary>available, in-use, maintenance, retyping, error...</summary>
    public string Status { get; init; } = "available";
    /// <summary>null, migrating, success, error (what migrations leave behind).</summary>
    public string? MigrationStatus { get; init; }
    /// <summary>os-vol-host-attr:host, the pool <c>host@backend#pool</c>.</summary>
    public string? Host { get; init; }
    /// <summary>The volume type's name.</summary>
    public string? VolumeType { get; init; }
    public bool Bootable { get; init; }
    public bool Multiattach { get; init; }
    public string ProjectId { get; init; } = "";
    public string? SnapshotId { get; init; }
    /// <summary>Whether snapshots of this volume exist (Cinder: a snapshot whose volume_id is this volume).</summary>
    public bool HasSnapshots { get; init; }
    public IReadOnlyList<VolumeAttachment> Attachments { get; init; } = [];
    public JsonObject Metadata { get; init; } = new();
    public string? AvailabilityZone { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>A volume attached to a server.</summary>
public sealed record VolumeAttachment(string ServerId, string AttachmentId);

/// <summary>A volume type and its extra specs (volume_backend_name, provisioning:type...).</summary>
public sealed record VolumeType(string Id, string Name, IReadOnlyDictionary<string, string> ExtraSpecs)
{
    public string? BackendName => ExtraSpecs.GetValueOrDefault("volume_backend_name");
}
