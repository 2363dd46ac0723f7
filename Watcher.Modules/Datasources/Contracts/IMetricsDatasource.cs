using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Datasources.Contracts;

/// <summary>
/// Where strategies read metrics (reference §11.1). One aggregated number per query, or null for "no data".
/// Implementations: the simulator (embedded default), scenario files (offline plan), and later Prometheus/Gnocchi.
/// </summary>
public interface IMetricsDatasource : IPlugin
{
    /// <summary>Watcher metric names this datasource can answer (see <see cref="MetricNames"/>).</summary>
    IReadOnlySet<string> SupportedMetrics { get; }

    double? NodeMetric(ComputeNode node, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300);

    double? InstanceMetric(Instance instance, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300);

    /// <summary>
    /// Why this datasource cannot be used at all (upstream: its client cannot be constructed — not configured,
    /// no endpoint in the catalog), or null when it can. Not a reachability check.
    /// </summary>
    Task<string?> UnusableReasonAsync(CancellationToken ct = default) => Task.FromResult<string?>(null);
}

/// <summary>Watcher-level metric names (reference §11.1); units as strategies expect them.</summary>
public static class MetricNames
{
    public const string HostCpuUsage = "host_cpu_usage";          // % of the node's vCPUs
    public const string HostRamUsage = "host_ram_usage";          // KiB used
    public const string HostOutletTemp = "host_outlet_temp";      // °C
    public const string HostInletTemp = "host_inlet_temp";        // °C
    public const string HostAirflow = "host_airflow";             // 0.1 CFM
    public const string HostPower = "host_power";                 // W
    public const string InstanceCpuUsage = "instance_cpu_usage";  // % of the instance's vCPUs
    public const string InstanceRamUsage = "instance_ram_usage";  // MB
    public const string InstanceRamAllocated = "instance_ram_allocated"; // MB
    public const string InstanceL3CacheUsage = "instance_l3_cache_usage"; // bytes
    public const string InstanceRootDiskSize = "instance_root_disk_size"; // GB

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        HostCpuUsage, HostRamUsage, HostOutletTemp, HostInletTemp, HostAirflow, HostPower,
        InstanceCpuUsage, InstanceRamUsage, InstanceRamAllocated, InstanceL3CacheUsage, InstanceRootDiskSize,
    };
}
