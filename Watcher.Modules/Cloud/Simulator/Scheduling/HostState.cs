namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>
/// What the scheduler knows about one candidate host: its hypervisor (capacity, service) and what is already
/// claimed on it (servers placed there plus in-flight migrations towards it).
/// </summary>
public sealed record HostState(Hypervisor Hypervisor, int UsedVcpus, int UsedMemoryMb, int UsedDiskGb)
{
    public string Hostname => Hypervisor.Hostname;

    public double VcpuCapacity => (Hypervisor.Vcpus - Hypervisor.VcpuReserved) * Hypervisor.VcpuAllocationRatio;
    public double MemoryMbCapacity => (Hypervisor.MemoryMb - Hypervisor.MemoryMbReserved) * Hypervisor.MemoryAllocationRatio;
    public double DiskGbCapacity => (Hypervisor.DiskGb - Hypervisor.DiskGbReserved) * Hypervisor.DiskAllocationRatio;

    public double FreeVcpus => VcpuCapacity - UsedVcpus;
    public double FreeMemoryMb => MemoryMbCapacity - UsedMemoryMb;
    public double FreeDiskGb => DiskGbCapacity - UsedDiskGb;
}

/// <summary>
/// What a placement must satisfy (Nova's RequestSpec, reduced to what the filters read): the flavor footprint, the
/// availability zone the server was booted into (null = any), and its server group with where the other members are.
/// </summary>
public readonly record struct ResourceRequest(int Vcpus, int MemoryMb, int DiskGb, string? AvailabilityZone = null, PlacementGroup? Group = null);

/// <summary>A server group as the scheduler sees it: its policy and the hosts its other members occupy or are moving to.</summary>
public sealed record PlacementGroup(string Name, string Policy, IReadOnlySet<string> MemberHosts);
