namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>A hypervisor with its nova-compute service, as the decision engine sees it (reference §10.1).</summary>
public sealed class ComputeNode
{
    public required string Uuid { get; init; }
    public required string Hostname { get; init; }
    /// <summary>nova-compute service status: "enabled" or "disabled".</summary>
    public string Status { get; set; } = NodeStatus.Enabled;
    public string? DisabledReason { get; set; }
    /// <summary>nova-compute service state: "up" or "down".</summary>
    public string State { get; set; } = NodeState.Up;
    public int Vcpus { get; set; }
    public int VcpuReserved { get; set; }
    public double VcpuRatio { get; set; } = 1.0;
    /// <summary>Memory in MB.</summary>
    public int Memory { get; set; }
    public int MemoryMbReserved { get; set; }
    public double MemoryRatio { get; set; } = 1.0;
    /// <summary>Disk in GB.</summary>
    public int Disk { get; set; }
    public int DiskGbReserved { get; set; }
    public double DiskRatio { get; set; } = 1.0;
    public string? AvailabilityZone { get; set; }
    public IReadOnlyList<string> Aggregates { get; set; } = [];

    /// <summary>
    /// Resources held here by servers mapped to another node while their migration is in progress (Placement
    /// counts them on both hosts until the migration ends); part of <see cref="ComputeModel.UsedResources"/>.
    /// </summary>
    public NodeResources HeldByMigrations { get; set; }

    public double VcpuCapacity => (Vcpus - VcpuReserved) * VcpuRatio;
    public double MemoryMbCapacity => (Memory - MemoryMbReserved) * MemoryRatio;
    public double DiskGbCapacity => (Disk - DiskGbReserved) * DiskRatio;

    public bool IsUp => State == NodeState.Up;
    public bool IsEnabled => Status == NodeStatus.Enabled;

    public ComputeNode Clone() => (ComputeNode)MemberwiseClone();
}

public static class NodeStatus
{
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
}

public static class NodeState
{
    public const string Up = "up";
    public const string Down = "down";
}
