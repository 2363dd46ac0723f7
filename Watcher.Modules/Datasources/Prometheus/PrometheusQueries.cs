using System.Globalization;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Datasources.Prometheus;

/// <summary>
/// The PromQL upstream sends for each Watcher metric (reference §11.5), with the native metric name from the map.
/// Watcher's mean/max/min/count become avg/max/min/avg.
/// </summary>
public static class PrometheusQueries
{
    public static string Aggregate(string watcherAggregate) => watcherAggregate switch
    {
        "mean" or "count" => "avg",
        "max" => "max",
        "min" => "min",
        _ => throw new ArgumentException($"Unknown Watcher aggregate {watcherAggregate}"),
    };

    /// <summary>Node-exporter measures idle CPU and available memory: Watcher's max used is Prometheus' min free.</summary>
    public static string InvertForHost(string watcherAggregate) => watcherAggregate switch
    {
        "max" => "min",
        "min" => "max",
        _ => watcherAggregate,
    };

    /// <summary>A host query; null when the metric has no host query.</summary>
    public static string? ForHost(string metric, string meter, string label, string host, string aggregate, int period)
    {
        var agg = Aggregate(InvertForHost(aggregate));
        return metric switch
        {
            MetricNames.HostCpuUsage =>
                $"100 - ({agg} by ({label})(rate({meter}{{mode='idle',{label}='{Escape(host)}'}}[{period}s])) * 100)",
            MetricNames.HostRamUsage =>
                $"(node_memory_MemTotal_bytes{{{label}='{Escape(host)}'}} - {agg}_over_time({meter}{{{label}='{Escape(host)}'}}[{period}s])) / 1024",
            _ => null,
        };
    }

    /// <summary>An instance query; null when the metric has no instance query.</summary>
    public static string? ForInstance(string metric, string meter, string label, string uuid, int vcpus, string aggregate, int period)
    {
        var agg = Aggregate(aggregate);
        return metric switch
        {
            MetricNames.InstanceRamUsage => $"{agg}_over_time({meter}{{{label}='{Escape(uuid)}'}}[{period}s])",
            MetricNames.InstanceCpuUsage =>
                $"clamp_max(({agg} by ({label})(rate({meter}{{{label}='{Escape(uuid)}'}}[{period}s]))/10e+8) *(100/{(vcpus > 0 ? vcpus : 1).ToString(CultureInfo.InvariantCulture)}), 100)",
            _ => null,
        };
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("'", "\\'");
}
