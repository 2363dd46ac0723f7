using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Decision.Strategies.VmWorkloadConsolidation;

/// <summary>
/// Measured utilisation of instances and nodes for one run (reference §7.6 "Definitions"). Caches follow
/// upstream master: an instance's figures are read once; a node's instance sum is cached on first use and then
/// adjusted as migrations are planned; host-level metrics are read once and shifted by the planned moves.
/// </summary>
internal sealed class UtilizationTracker(ComputeModel model, IMetricsDatasource metrics, int period, int granularity)
{
    /// <summary>Upstream keeps a 128 MB floor for memory: less than that cannot host a real flavor.</summary>
    private const double RamSaturationLimit = 128;

    private readonly Dictionary<string, Usage> _instances = new();
    private readonly Dictionary<string, Usage> _nodeSums = new();                     // by hostname
    private readonly Dictionary<string, (double? Cpu, double? Ram)> _hostMetrics = new();
    private readonly Dictionary<string, (double Cpu, double Ram)> _hostDelta = new();

    public Usage Instance(Instance instance)
    {
        if (_instances.TryGetValue(instance.Uuid, out var cached)) return cached;
        var cpuPercent = Read(metrics.InstanceMetric(instance, MetricNames.InstanceCpuUsage, period, "mean", granularity));
        var ram = Read(metrics.InstanceMetric(instance, MetricNames.InstanceRamUsage, period, "mean", granularity))
            ?? Read(metrics.InstanceMetric(instance, MetricNames.InstanceRamAllocated, period, "mean", granularity));
        var disk = Read(metrics.InstanceMetric(instance, MetricNames.InstanceRootDiskSize, period, "mean", granularity));
        var usage = new Usage(
            cpuPercent is { } p ? instance.Vcpus * (p / 100.0) : instance.Vcpus,
            ram ?? instance.Memory,
            disk ?? instance.Disk);
        _instances[instance.Uuid] = usage;
        return usage;
    }

    public Usage Node(ComputeNode node)
    {
        if (!_nodeSums.TryGetValue(node.Hostname, out var sum))
        {
            sum = model.InstancesOf(node).Aggregate(new Usage(), (acc, i) => acc.Plus(Instance(i)));
            _nodeSums[node.Hostname] = sum;
        }

        // The host's own measurement wins when it is larger (it sees load the instance metrics miss).
        var host = HostMetrics(node);
        var delta = _hostDelta.GetValueOrDefault(node.Hostname);
        var hostCpu = host.Cpu is { } cpu ? cpu * node.Vcpus / 100 + delta.Cpu : 0;
        var hostRam = host.Ram is { } kb ? kb / 1024 + delta.Ram : 0;
        return new Usage(Math.Max(sum.Cpu, hostCpu), Math.Max(sum.Ram, hostRam), sum.Disk);
    }

    public static Usage Capacity(ComputeNode node) => new(node.VcpuCapacity, node.MemoryMbCapacity, node.DiskGbCapacity);

    /// <summary>Records a planned move in the caches (the model itself is already updated).</summary>
    public void RecordMigration(Instance instance, ComputeNode source, ComputeNode destination)
    {
        var usage = Instance(instance);
        // Host metrics move by the instance's measured cpu but by its flavor memory, as upstream does.
        AddDelta(source.Hostname, -usage.Cpu, -instance.Memory);
        AddDelta(destination.Hostname, usage.Cpu, instance.Memory);
        if (_nodeSums.TryGetValue(source.Hostname, out var s)) _nodeSums[source.Hostname] = s.MinusClamped(usage);
        if (_nodeSums.TryGetValue(destination.Hostname, out var d)) _nodeSums[destination.Hostname] = d.Plus(usage);
    }

    /// <summary>Undoes the cached sums of a move being dropped by the optimise phase (host deltas stay, as upstream).</summary>
    public void ForgetMigration(Instance instance, ComputeNode source, ComputeNode destination)
    {
        var usage = Instance(instance);
        if (_nodeSums.TryGetValue(destination.Hostname, out var d)) _nodeSums[destination.Hostname] = d.MinusClamped(usage);
        if (_nodeSums.TryGetValue(source.Hostname, out var s)) _nodeSums[source.Hostname] = s.Plus(usage);
    }

    public bool IsOverloaded(ComputeNode node) => Node(node).Cpu > Capacity(node).Cpu;

    public bool Fits(Instance instance, ComputeNode node)
    {
        var cap = Capacity(node);
        var used = Node(node);
        var inst = Instance(instance);
        if (inst.Cpu + used.Cpu > cap.Cpu || inst.Ram + used.Ram > cap.Ram || inst.Disk + used.Disk > cap.Disk)
            return false;
        // Allocation check: the flavor must also fit in what the node has not handed out yet.
        var free = model.FreeResources(node);
        return instance.Vcpus <= free.Vcpus && instance.Memory <= free.Memory && instance.Disk <= free.Disk;
    }

    /// <summary>cpu, ram and disk utilisation headroom, then free vcpus, memory and disk (see <see cref="Fits"/>).</summary>
    public const int HeadroomDimensions = 6;

    /// <summary>What a node has left in each of the six dimensions <see cref="Fits"/> compares against.</summary>
    public void Headroom(ComputeNode node, Span<double> headroom)
    {
        var cap = Capacity(node);
        var used = Node(node);
        var free = model.FreeResources(node);
        headroom[0] = cap.Cpu - used.Cpu;
        headroom[1] = cap.Ram - used.Ram;
        headroom[2] = cap.Disk - used.Disk;
        headroom[3] = free.Vcpus;
        headroom[4] = free.Memory;
        headroom[5] = free.Disk;
    }

    /// <summary>What the instance needs in each dimension of <see cref="Headroom"/>.</summary>
    public void Requirement(Instance instance, Span<double> requirement)
    {
        var inst = Instance(instance);
        requirement[0] = inst.Cpu;
        requirement[1] = inst.Ram;
        requirement[2] = inst.Disk;
        requirement[3] = instance.Vcpus;
        requirement[4] = instance.Memory;
        requirement[5] = instance.Disk;
    }

    public bool IsSaturated(ComputeNode node)
    {
        var free = model.FreeResources(node);
        if (free.Vcpus <= 0 || free.Memory <= RamSaturationLimit || free.Disk <= 0) return true;
        var used = Node(node);
        var cap = Capacity(node);
        return used.Cpu >= cap.Cpu || used.Ram >= cap.Ram - RamSaturationLimit || used.Disk >= cap.Disk;
    }

    private (double? Cpu, double? Ram) HostMetrics(ComputeNode node)
    {
        if (_hostMetrics.TryGetValue(node.Hostname, out var cached)) return cached;
        var value = (Read(metrics.NodeMetric(node, MetricNames.HostCpuUsage, period, "mean", granularity)),
            Read(metrics.NodeMetric(node, MetricNames.HostRamUsage, period, "mean", granularity)));
        _hostMetrics[node.Hostname] = value;
        return value;
    }

    private void AddDelta(string hostname, double cpu, double ram)
    {
        var current = _hostDelta.GetValueOrDefault(hostname);
        _hostDelta[hostname] = (current.Cpu + cpu, current.Ram + ram);
    }

    /// <summary>Upstream tests values for truth: a missing value and a zero both mean "no data".</summary>
    private static double? Read(double? value) => value is null or 0 ? null : value;
}
