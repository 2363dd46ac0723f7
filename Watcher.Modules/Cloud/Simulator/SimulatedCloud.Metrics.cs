using Watcher.Modules.Cloud.Simulator.Metrics;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// Metrics that follow placement and time. A server's CPU, RAM and cache use are its scenario figures times its
/// load profile's factor at each moment; a host's CPU and RAM are the sums over the servers it runs now, and its
/// power, outlet temperature and airflow follow its CPU. Host figures the scenario gives (temperatures, power,
/// airflow) are kept as the starting point and move with the load from there. A query aggregates samples taken
/// every <see cref="SimulatedMetricsOptions.SampleSeconds"/> over the period; the past is recomputed from the
/// profiles, against the placement of now.
/// </summary>
public sealed partial class SimulatedCloud
{
    /// <summary>At most this many samples per query: long periods are sampled more sparsely.</summary>
    private const int MaxSamples = 240;

    public double? HostMetric(string host, string metric, int periodSeconds = 300, string aggregate = "mean")
    {
        lock (_gate)
        {
            Settle();
            if (FindHost(host) is not { } h) return null;
            var servers = ServersOn(h);
            return Aggregate(periodSeconds, aggregate, servers.All(IsSteady),
                t => HostValue(h, servers, metric, periodSeconds, t));
        }
    }

    public double? ServerMetric(string serverId, string metric, int periodSeconds = 300, string aggregate = "mean")
    {
        lock (_gate)
        {
            Settle();
            if (FindServer(serverId) is not { } s) return null;
            switch (metric)
            {
                case MetricNames.InstanceRamAllocated:
                    return Value(s, metric, periodSeconds) ?? s.MemoryMb;
                case MetricNames.InstanceRootDiskSize:
                    return Value(s, metric, periodSeconds) ?? s.DiskGb;
                case MetricNames.InstanceL3CacheUsage:
                    var host = s.Host is null ? null : FindHost(s.Host);
                    var neighbours = host is null ? [s] : ServersOn(host);
                    var capacity = host?.L3Capacity ?? double.PositiveInfinity;
                    return Aggregate(periodSeconds, aggregate, neighbours.All(IsSteady),
                        t => CacheShare(s, neighbours, capacity, periodSeconds, t));
                default:
                    return Aggregate(periodSeconds, aggregate, IsSteady(s), t => ServerValue(s, metric, periodSeconds, t));
            }
        }
    }

    /// <summary>Sets (or with null, removes) a server's base figure for a metric: lets tests and demos change the load.</summary>
    public void SetServerMetric(string serverId, string metric, double? value)
    {
        lock (_gate)
        {
            var server = RequireServer(serverId);
            if (value is { } v) server.Metrics[metric] = new ScenarioMetric(v);
            else server.Metrics.Remove(metric);
        }
    }

    private double? Aggregate(int periodSeconds, string aggregate, bool constant, Func<double, double?> at)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var step = Math.Max(_options.Metrics.SampleSeconds, periodSeconds / (double)MaxSamples);
        var count = constant ? 1 : Math.Max(1, (int)(periodSeconds / step));
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var k = 0; k < count; k++)
        {
            if (at(now - k * step) is not { } v) return null;
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return aggregate switch { "min" => min, "max" => max, _ => sum / count };
    }

    private double? ServerValue(SimServer s, string metric, int period, double t)
    {
        if (Value(s, metric, period) is not { } baseline) return null;
        var factor = Factor(s, t);
        return metric switch
        {
            MetricNames.InstanceCpuUsage => Math.Clamp(baseline * factor, 0, 100),
            // Memory is stickier than CPU, and never beyond what the flavor (or the scenario) gives.
            MetricNames.InstanceRamUsage => Math.Clamp(baseline * (1 + _options.Metrics.RamSwing * (factor - 1)), 0, Math.Max(baseline, s.MemoryMb)),
            _ => baseline,
        };
    }

    /// <summary>The server's cache in use: its demand, shrunk in proportion when the host's cache is oversubscribed.</summary>
    private double? CacheShare(SimServer s, IReadOnlyList<SimServer> neighbours, double capacity, int period, double t)
    {
        if (CacheDemand(s, period, t) is not { } demand) return null;
        var total = neighbours.Sum(n => CacheDemand(n, period, t) ?? 0);
        return total > capacity ? demand * capacity / total : demand;
    }

    private double? CacheDemand(SimServer s, int period, double t) => BaseCacheDemand(s, period) * Factor(s, t);

    /// <summary>The scenario's cache figure, else one derived from the server's base CPU.</summary>
    private double? BaseCacheDemand(SimServer s, int period) =>
        Value(s, MetricNames.InstanceL3CacheUsage, period)
        ?? (Value(s, MetricNames.InstanceCpuUsage, period) is { } cpu
            ? _options.Metrics.L3BaseBytes + cpu * _options.Metrics.L3BytesPerCpuPercent
            : null);

    private double? HostValue(SimHost h, IReadOnlyList<SimServer> servers, string metric, int period, double t)
    {
        switch (metric)
        {
            case MetricNames.HostCpuUsage:
                return HostCpu(h, servers, period, t);
            case MetricNames.HostRamUsage when AnyServerHas(MetricNames.InstanceRamUsage):
                // instance_ram_usage is MB, host_ram_usage is KiB (Gnocchi's hardware.memory.used).
                return servers.Sum(s => ServerValue(s, MetricNames.InstanceRamUsage, period, t) * 1024 ?? 0);
            case MetricNames.HostInletTemp:
                return Value(h, metric, period) ?? _options.Metrics.InletTemperature;
            case MetricNames.HostPower or MetricNames.HostOutletTemp or MetricNames.HostAirflow:
                var model = Thermal(h, metric, HostCpu(h, servers, period, t), period);
                // A figure the scenario gives is where the host starts; the model says how far load moves it.
                if (Value(h, metric, period) is { } given)
                    return model is { } m && h.ThermalAtSeed.TryGetValue(metric, out var atSeed) ? given + m - atSeed : given;
                return model;
            default:
                return Value(h, metric, period);
        }
    }

    /// <summary>Host CPU % from its servers (vCPUs × their CPU %, over the host's vCPUs), else the scenario's figure.</summary>
    private double? HostCpu(SimHost h, IReadOnlyList<SimServer> servers, int period, double t)
    {
        if (!AnyServerHas(MetricNames.InstanceCpuUsage)) return Value(h, MetricNames.HostCpuUsage, period);
        if (h.Hypervisor.Vcpus <= 0) return null;
        return servers.Sum(s => s.Vcpus * ServerValue(s, MetricNames.InstanceCpuUsage, period, t) ?? 0) / h.Hypervisor.Vcpus;
    }

    /// <summary>Power grows with CPU from idle to full; outlet = inlet + a load-dependent rise; fans follow power and inlet.</summary>
    private double? Thermal(SimHost h, string metric, double? cpuPercent, int period)
    {
        if (cpuPercent is not { } cpu) return null;
        var o = _options.Metrics;
        var load = Math.Clamp(cpu / 100, 0, 1);
        var inlet = Value(h, MetricNames.HostInletTemp, period) ?? o.InletTemperature;
        var power = o.IdlePowerWatts + (o.MaxPowerWatts - o.IdlePowerWatts) * load;
        return metric switch
        {
            MetricNames.HostPower => power,
            MetricNames.HostOutletTemp => inlet + o.OutletRiseIdle + (o.OutletRiseFull - o.OutletRiseIdle) * load,
            _ => o.AirflowBase + o.AirflowPerWatt * power + o.AirflowPerInletDegree * (inlet - o.InletTemperature),
        };
    }

    /// <summary>What the thermal model says at seeding, so scenario figures can be moved by later load changes.</summary>
    private void RecordSeedState()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        foreach (var h in _hosts)
        {
            var servers = ServersOn(h);
            var cpu = HostCpu(h, servers, 300, now);
            foreach (var metric in new[] { MetricNames.HostPower, MetricNames.HostOutletTemp, MetricNames.HostAirflow })
                if (Thermal(h, metric, cpu, 300) is { } v) h.ThermalAtSeed[metric] = v;
            // Never squeeze what the scenario itself gives: the shared cache holds at least its servers' base figures.
            h.L3Capacity = Math.Max(_options.Metrics.HostL3CacheBytes, servers.Sum(s => BaseCacheDemand(s, 300) ?? 0));
        }
    }

    private double Factor(SimServer s, double t) => _profiles.Factor(s.Profile, s.Id, t);

    private static bool IsSteady(SimServer s) => LoadProfiles.IsConstant(s.Profile);

    // Derive host usage from servers only when the cloud has server samples at all; otherwise the scenario's
    // host numbers are the only truth there is.
    private bool AnyServerHas(string metric) => _servers.Any(s => s.Metrics.ContainsKey(metric));

    private List<SimServer> ServersOn(SimHost host) => _servers.Where(s => s.Host == host.Hostname).ToList();

    private static double? Value(SimServer server, string metric, int period) =>
        server.Metrics.TryGetValue(metric, out var value) ? value.At(period) : null;

    private static double? Value(SimHost host, string metric, int period) =>
        host.Metrics.TryGetValue(metric, out var value) ? value.At(period) : null;
}
