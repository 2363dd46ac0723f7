using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.OpenStack.Contracts;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Datasources.Gnocchi;

/// <summary>
/// Metrics from Gnocchi (reference §11.4): the last measure of <c>[now − period, now]</c> at the requested
/// granularity and aggregation. Hosts are found by <c>original_resource_id = "&lt;host&gt;_&lt;host&gt;"</c>,
/// instances by their UUID. With the default map, instance CPU is the rate of the cumulative <c>cpu</c> (ns)
/// turned into % of the instance's vCPUs; a map overriding it to a gauge (<c>cpu_util</c>, as Ceilometer before
/// Stein stored it) is read as a percentage. "Not found" or a refused query is "no data" (null); an unreachable
/// Gnocchi fails the audit with <see cref="DatasourceUnavailableException"/> naming it.
/// </summary>
public sealed partial class GnocchiDatasource(
    [FromKeyedServices(GnocchiDatasource.PluginName)] IOpenStackApi gnocchi,
    MetricMaps maps,
    TimeProvider time,
    ILogger<GnocchiDatasource> logger) : IMetricsDatasource
{
    public const string PluginName = "gnocchi";
    private const string CumulativeCpu = "cpu";
    private readonly ConcurrentDictionary<string, string> _hostResources = new();

    public string Name => PluginName;

    private IReadOnlyDictionary<string, string> Map => maps.For(PluginName, MetricMaps.Gnocchi);

    public IReadOnlySet<string> SupportedMetrics => Map.Keys.ToHashSet();

    public double? NodeMetric(ComputeNode node, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        Blocking.Wait(NodeMetricAsync(node, metric, periodSeconds, aggregate, granularitySeconds));

    public double? InstanceMetric(Instance instance, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        Blocking.Wait(InstanceMetricAsync(instance, metric, periodSeconds, aggregate, granularitySeconds));

    public async Task<double?> NodeMetricAsync(ComputeNode node, string metric, int period, string aggregate, int granularity, CancellationToken ct = default)
    {
        if (!Map.TryGetValue(metric, out var meter)) return null;
        var resource = await HostResourceAsync(node.Hostname, ct);
        if (resource is null) return null;
        var value = await LastMeasureAsync(resource, meter, period, Aggregate(aggregate), granularity, ct);
        // IPMI reports airflow in tenths of CFM.
        return metric == MetricNames.HostAirflow ? value * 10 : value;
    }

    public async Task<double?> InstanceMetricAsync(Instance instance, string metric, int period, string aggregate, int granularity, CancellationToken ct = default)
    {
        if (!Map.TryGetValue(metric, out var meter)) return null;
        if (metric != MetricNames.InstanceCpuUsage || meter != CumulativeCpu)
            return await LastMeasureAsync(instance.Uuid, meter, period, Aggregate(aggregate), granularity, ct);

        if (aggregate is not ("mean" or "rate:mean"))
        {
            LogUnsupportedAggregate(aggregate);
            return null;
        }
        var rate = await LastMeasureAsync(instance.Uuid, meter, period, "rate:mean", granularity, ct);
        if (rate is null) return null;
        // ns of CPU time per granularity → % of the instance's vCPUs; a migrated VM can show a negative rate.
        var vcpus = instance.Vcpus > 0 ? instance.Vcpus : 1;
        return Math.Max(0, rate.Value) * 100 / (granularity * 1e9) / vcpus;
    }

    /// <summary>Usable when its endpoint is known (override or catalog) and Keystone accepts Watcher.</summary>
    public async Task<string?> UnusableReasonAsync(CancellationToken ct = default)
    {
        try
        {
            await gnocchi.EndpointAsync(ct);
            return null;
        }
        catch (CloudUnavailableException)
        {
            return null;   // configured but down: the query says so, naming it
        }
        catch (CloudException e)
        {
            return e.Message;
        }
    }

    /// <summary>Gnocchi has no "count" over measures: upstream reads "mean" instead.</summary>
    private static string Aggregate(string aggregate) => aggregate == "count" ? "mean" : aggregate;

    private async Task<string?> HostResourceAsync(string hostname, CancellationToken ct)
    {
        if (_hostResources.TryGetValue(hostname, out var cached)) return cached;
        var original = $"{hostname}_{hostname}";
        var found = await QueryAsync(HttpMethod.Post, "/v1/search/resource/generic?limit=1",
            new JsonObject { ["="] = new JsonObject { ["original_resource_id"] = original } }, ct);
        var id = (found as JsonArray)?.FirstOrDefault()?["id"]?.GetValue<string>();
        if (id is null)
        {
            LogResourceNotFound(original);
            return null;
        }
        return _hostResources[hostname] = id;
    }

    private async Task<double?> LastMeasureAsync(string resourceId, string meter, int period, string aggregation, int granularity, CancellationToken ct)
    {
        var stop = time.GetUtcNow();
        var start = stop.AddSeconds(-period);
        var path = $"/v1/resource/generic/{Uri.EscapeDataString(resourceId)}/metric/{Uri.EscapeDataString(meter)}/measures"
            + $"?start={Iso(start)}&stop={Iso(stop)}&granularity={granularity}&aggregation={Uri.EscapeDataString(aggregation)}";
        var measures = await QueryAsync(HttpMethod.Get, path, null, ct) as JsonArray;
        // Each measure is [timestamp, granularity, value]; upstream takes the latest.
        return measures is { Count: > 0 } && measures[^1] is JsonArray { Count: 3 } last ? last[2]!.GetValue<double>() : null;
    }

    private async Task<JsonNode?> QueryAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        try
        {
            return await gnocchi.SendAsync(method, path, body, ct: ct);
        }
        catch (CloudException e) when (e.StatusCode is >= 400 and < 500)
        {
            // Not found, or a query Gnocchi refuses (e.g. a granularity its archive policy lacks): no data.
            LogNoData(e.Message);
            return null;
        }
        catch (CloudException e)
        {
            // Unreachable, failing, or Keystone refusing Watcher: the audit cannot be trusted without its metrics.
            throw new DatasourceUnavailableException($"Datasource gnocchi: {e.Message}");
        }
    }

    private static string Iso(DateTimeOffset t) =>
        Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gnocchi: resource {OriginalResourceId} could not be found")]
    private partial void LogResourceNotFound(string originalResourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gnocchi: aggregate {Aggregate} is not supported for instance_cpu_usage (mean or rate:mean)")]
    private partial void LogUnsupportedAggregate(string aggregate);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gnocchi: no data ({Reason})")]
    private partial void LogNoData(string reason);
}
