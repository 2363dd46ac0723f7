namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// One host at one moment as an operator reads it: what its instances' flavors claim (vCPUs, RAM MB, disk GB)
/// against its capacity after reserved resources and allocation ratios, with its nova-compute service state.
/// Flavor claims, not measured load: they are what Nova's placement checks and what a plan moves exactly.
/// </summary>
public sealed record HostUsage(
    string Uuid,
    string Hostname,
    string? AvailabilityZone,
    string Status,
    string State,
    int Instances,
    NodeResources Used,
    NodeResources Capacity)
{
    public double VcpuPercent => Percent(Used.Vcpus, Capacity.Vcpus);
    public double MemoryPercent => Percent(Used.Memory, Capacity.Memory);
    public double DiskPercent => Percent(Used.Disk, Capacity.Disk);

    /// <summary>The fullest of the three resources: the host's headroom is set by it.</summary>
    public double MaxPercent => Math.Max(VcpuPercent, Math.Max(MemoryPercent, DiskPercent));

    public static HostUsage Of(ComputeModel model, ComputeNode node) => new(
        node.Uuid, node.Hostname, node.AvailabilityZone, node.Status, node.State, model.InstancesOf(node).Count,
        model.UsedResources(node), new NodeResources(node.VcpuCapacity, node.MemoryMbCapacity, node.DiskGbCapacity));

    /// <summary>Every host of the model, by hostname.</summary>
    public static IReadOnlyList<HostUsage> All(ComputeModel model) =>
        model.Nodes.OrderBy(n => n.Hostname, StringComparer.Ordinal).Select(n => Of(model, n)).ToList();

    /// <summary>Used as a share of capacity, in percent; a host with no capacity left counts as full when anything is used.</summary>
    public static double Percent(double used, double capacity) =>
        capacity > 0 ? used / capacity * 100 : used > 0 ? 100 : 0;
}
