using System.Text.Json.Nodes;

namespace Watcher.Modules.Cloud.Simulator.Storage;

/// <summary>A simulated cinder-volume backend. Mutated only under the storage lock.</summary>
internal sealed class SimStorageNode
{
    public required string Host { get; init; }
    public string Zone { get; init; } = "nova";
    public string Status { get; set; } = "enabled";
    public string State { get; set; } = "up";
}

/// <summary>
/// A simulated pool. Its used and provisioned space are its volumes' sizes (including volumes migrating to it,
/// as Cinder creates the destination volume at the start) plus what the scenario reported beyond them.
/// </summary>
internal sealed class SimPool
{
    public required string Name { get; init; }
    public required SimStorageNode Node { get; init; }
    public double TotalCapacityGb { get; init; }
    public double ReservedPercentage { get; init; }
    public double MaxOverSubscriptionRatio { get; init; } = 1.0;
    public bool ThinProvisioningSupport { get; init; }
    public bool ThickProvisioningSupport { get; init; } = true;
    public string VolumeBackendName { get; init; } = "";
    public string PoolName { get; init; } = "";
    /// <summary>Space the scenario reported used beyond its volumes (other tenants of the array, snapshots...).</summary>
    public double OtherUsedGb { get; init; }
    public double OtherProvisionedGb { get; init; }
}

internal enum VolumeOperationKind { Migrate, Retype }

/// <summary>A migration or retype in flight; it ends, in simulated time, at <see cref="EndsAt"/>.</summary>
internal sealed record SimVolumeOperation(
    VolumeOperationKind Kind, string Source, string Destination, string? NewType, DateTimeOffset EndsAt, bool WillFail, string PreviousStatus)
{
    public bool Moves => Source != Destination;
}

/// <summary>A simulated volume. Mutated only under the storage lock.</summary>
internal sealed class SimVolume
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public int Size { get; init; }
    public string Status { get; set; } = "available";
    public string? MigrationStatus { get; set; }
    public string? Host { get; set; }
    public string? VolumeType { get; set; }
    public bool Bootable { get; init; }
    public bool Multiattach { get; init; }
    public string ProjectId { get; init; } = "";
    public string? SnapshotId { get; init; }
    public bool HasSnapshots { get; init; }
    public List<VolumeAttachment> Attachments { get; init; } = [];
    public JsonObject Metadata { get; init; } = new();
    public DateTimeOffset? CreatedAt { get; init; }
    public string? AvailabilityZone { get; set; }
    public SimVolumeOperation? Operation { get; set; }

    public CloudVolume ToVolume() => new()
    {
        Id = Id, Name = Name, Size = Size, Status = Status, MigrationStatus = MigrationStatus, Host = Host,
        VolumeType = VolumeType, Bootable = Bootable, Multiattach = Multiattach, ProjectId = ProjectId,
        SnapshotId = SnapshotId, HasSnapshots = HasSnapshots, Attachments = [.. Attachments], Metadata = (JsonObject)JsonNode.Parse(Metadata.ToJsonString())!,
        AvailabilityZone = AvailabilityZone, CreatedAt = CreatedAt,
    };
}
