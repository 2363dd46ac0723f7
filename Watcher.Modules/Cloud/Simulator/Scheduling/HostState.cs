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

/// <summary>The flavor footprint a placement must fit (Nova's RequestSpec, reduced to what the filters read).</summary>
public readonly record struct ResourceRequest(int Vcpus, int MemoryMb, int DiskGb);
