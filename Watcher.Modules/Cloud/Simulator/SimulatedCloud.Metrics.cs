using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// Metrics that follow placement: a server keeps its own usage wherever it runs, and a host's CPU and RAM usage
/// are the sums of its servers' usage, so moving a server moves its load. Other host metrics (temperatures,
/// airflow, power) stay as the scenario gave them.
/// </summary>
public sealed partial class SimulatedCloud
{
    public double? HostMetric(string host, string metric, int periodSeconds = 300)
    {
        lock (_gate)
        {
            Settle();
            if (FindHost(host) is not { } h) return null;
            return metric switch
            {
                MetricNames.HostCpuUsage when AnyServerHas(MetricNames.InstanceCpuUsage) => CpuPercent(h, periodSeconds),
                MetricNames.HostRamUsage when AnyServerHas(MetricNames.InstanceRamUsage) =>
                    // instance_ram_usage is MB, host_ram_usage is KiB (Gnocchi's hardware.memory.used).
                    ServersOn(h).Sum(s => Value(s, MetricNames.InstanceRamUsage, periodSeconds) * 1024 ?? 0),
                _ => h.Metrics.TryGetValue(metric, out var value) ? value.At(periodSeconds) : null,
            };
        }
    }

    public double? ServerMetric(string serverId, string metric, int periodSeconds = 300)
    {
        lock (_gate)
        {
            Settle();
            if (FindServer(serverId) is not { } s) return null;
            return Value(s, metric, periodSeconds) ?? metric switch
            {
                // The flavor answers these when the scenario has no sample, as Prometheus' map takes them from the model.
                MetricNames.InstanceRamAllocated => s.MemoryMb,
                MetricNames.InstanceRootDiskSize => s.DiskGb,
                _ => null,
            };
        }
    }

    /// <summary>Sets (or with null, removes) a server metric: lets tests and demos change the load.</summary>
    public void SetServerMetric(string serverId, string metric, double? value)
    {
        lock (_gate)
        {
            var server = RequireServer(serverId);
            if (value is { } v) server.Metrics[metric] = new ScenarioMetric(v);
            else server.Metrics.Remove(metric);
        }
    }

    private double? CpuPercent(SimHost host, int period)
    {
        if (host.Hypervisor.Vcpus <= 0) return null;
        // Sum of vCPU-percent over the host's vCPUs: (vcpus x cpu %) summed, divided by host vcpus.
        var vcpuPercent = ServersOn(host).Sum(s => s.Vcpus * Value(s, MetricNames.InstanceCpuUsage, period) ?? 0);
        return vcpuPercent / host.Hypervisor.Vcpus;
    }

    // Derive host usage from servers only when the cloud has server samples at all; otherwise the scenario's
    // host numbers are the only truth there is.
    private bool AnyServerHas(string metric) => _servers.Any(s => s.Metrics.ContainsKey(metric));

    private IEnumerable<SimServer> ServersOn(SimHost host) => _servers.Where(s => s.Host == host.Hostname);

    private static double? Value(SimServer server, string metric, int period) =>
        server.Metrics.TryGetValue(metric, out var value) ? value.At(period) : null;
}
