using Watcher.Modules.Cloud.OpenStack.Nova;

namespace Watcher.Modules.Cloud.OpenStack.Placement;

/// <summary>
/// A node's capacity as upstream reads it (reference §10.1 step 3): Placement's VCPU / MEMORY_MB / DISK_GB
/// total, reserved and allocation ratio; a class Placement lacks falls back to the hypervisor's own figure
/// with nothing reserved and ratio 1.0.
/// </summary>
public sealed record NodeCapacity(
    int Vcpus, int VcpuReserved, double VcpuRatio,
    int MemoryMb, int MemoryMbReserved, double MemoryRatio,
    int DiskGb, int DiskGbReserved, double DiskRatio)
{
    public static NodeCapacity From(NovaHypervisor hypervisor, IReadOnlyDictionary<string, PlacementInventory> inventories)
    {
        (int Total, int Reserved, double Ratio) Of(string resourceClass, int? fallback) =>
            inventories.TryGetValue(resourceClass, out var i) ? (i.Total, i.Reserved, i.AllocationRatio) : (fallback ?? 0, 0, 1.0);
        var vcpu = Of(PlacementClient.Vcpu, hypervisor.Vcpus);
        var memory = Of(PlacementClient.MemoryMb, hypervisor.MemoryMb);
        var disk = Of(PlacementClient.DiskGb, hypervisor.LocalGb);
        return new NodeCapacity(vcpu.Total, vcpu.Reserved, vcpu.Ratio, memory.Total, memory.Reserved, memory.Ratio,
            disk.Total, disk.Reserved, disk.Ratio);
    }
}
