using Microsoft.Extensions.Options;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Datasources;

/// <summary>
/// Watcher metric → native metric name, per datasource (reference §11.3, upstream HEAD), with the operator's
/// overrides from <c>Watcher:Datasources:MetricMap:&lt;datasource&gt;:&lt;metric&gt;</c> (upstream's metric_map.yaml).
/// A metric missing from a map (or mapped to "") is one that datasource cannot serve.
/// </summary>
public sealed class MetricMaps(IOptions<MetricMapOptions> options)
{
    public static readonly IReadOnlyDictionary<string, string> Gnocchi = new Dictionary<string, string>
    {
        [MetricNames.HostCpuUsage] = "compute.node.cpu.percent",
        [MetricNames.HostRamUsage] = "hardware.memory.used",
        [MetricNames.HostOutletTemp] = "hardware.ipmi.node.outlet_temperature",
        [MetricNames.HostInletTemp] = "hardware.ipmi.node.temperature",
        [MetricNames.HostAirflow] = "hardware.ipmi.node.airflow",
        [MetricNames.HostPower] = "hardware.ipmi.node.power",
        [MetricNames.InstanceCpuUsage] = "cpu",
        [MetricNames.InstanceRamUsage] = "memory.resident",
        [MetricNames.InstanceRamAllocated] = "memory",
        [MetricNames.InstanceL3CacheUsage] = "cpu_l3_cache",
        [MetricNames.InstanceRootDiskSize] = "disk.root.size",
    };

    public static readonly IReadOnlyDictionary<string, string> Prometheus = new Dictionary<string, string>
    {
        [MetricNames.HostCpuUsage] = "node_cpu_seconds_total",
        [MetricNames.HostRamUsage] = "node_memory_MemAvailable_bytes",
        [MetricNames.InstanceCpuUsage] = "ceilometer_cpu",
        [MetricNames.InstanceRamUsage] = "ceilometer_memory_usage",
        [MetricNames.InstanceRamAllocated] = "instance.memory",
        [MetricNames.InstanceRootDiskSize] = "instance.disk",
    };

    /// <summary>The effective map of one datasource: its defaults, overridden (or blanked) by configuration.</summary>
    public IReadOnlyDictionary<string, string> For(string datasource, IReadOnlyDictionary<string, string> defaults)
    {
        var map = new Dictionary<string, string>(defaults);
        if (options.Value.MetricMap?.TryGetValue(datasource, out var overrides) == true)
            foreach (var (metric, native) in overrides)
            {
                if (string.IsNullOrWhiteSpace(native)) map.Remove(metric);
                else map[metric] = native;
            }
        return map;
    }
}
