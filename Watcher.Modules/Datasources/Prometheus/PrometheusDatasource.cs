using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Shared.Http;

namespace Watcher.Modules.Datasources.Prometheus;

/// <summary>
/// Metrics from a Prometheus server (reference §11.5): node-exporter series for hosts, Ceilometer's for
/// instances, one instant query each, evaluated at the current time. A host is found among the active scrape
/// targets by its FQDN label (full or short name; the list is re-read once on a miss). Allocated RAM and root
/// disk come from the model, as upstream does. An unreachable server fails the audit naming it; a query without
/// result is "no data".
/// </summary>
public sealed partial class PrometheusDatasource(
    IHttpClientFactory httpFactory,
    IOptionsMonitor<PrometheusOptions> options,
    MetricMaps maps,
    TimeProvider time,
    ILogger<PrometheusDatasource> logger) : IMetricsDatasource
{
    public const string PluginName = "prometheus";
    public const string HttpClientName = "prometheus";

    private readonly SemaphoreSlim _labelsGate = new(1, 1);
    private HashSet<string>? _fqdns;

    public string Name => PluginName;

    private IReadOnlyDictionary<string, string> Map => maps.For(PluginName, MetricMaps.Prometheus);

    public IReadOnlySet<string> SupportedMetrics => Map.Keys.ToHashSet();

    public double? NodeMetric(ComputeNode node, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        Blocking.Wait(NodeMetricAsync(node, metric, periodSeconds, aggregate));

    public double? InstanceMetric(Instance instance, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) =>
        Blocking.Wait(InstanceMetricAsync(instance, metric, periodSeconds, aggregate));

    public async Task<double?> NodeMetricAsync(ComputeNode node, string metric, int period, string aggregate, CancellationToken ct = default)
    {
        if (!Map.TryGetValue(metric, out var meter)) return null;
        var label = await HostLabelAsync(node.Hostname, ct);
        if (label is null) return null;
        var query = PrometheusQueries.ForHost(metric, meter, options.CurrentValue.FqdnLabel, label, aggregate, period);
        return query is null ? null : await QueryAsync(query, ct);
    }

    public async Task<double?> InstanceMetricAsync(Instance instance, string metric, int period, string aggregate, CancellationToken ct = default)
    {
        if (!Map.TryGetValue(metric, out var meter)) return null;
        if (meter == "instance.memory") return instance.Memory;
        if (meter == "instance.disk") return instance.Disk;
        var query = PrometheusQueries.ForInstance(metric, meter, options.CurrentValue.InstanceUuidLabel, instance.Uuid, instance.Vcpus, aggregate, period);
        return query is null ? null : await QueryAsync(query, ct);
    }

    public Task<string?> UnusableReasonAsync(CancellationToken ct = default) =>
        Task.FromResult(string.IsNullOrWhiteSpace(options.CurrentValue.Host) ? "Watcher:Prometheus:Host is not set" : null);

    /// <summary>GET /api/v1/status/runtimeinfo answers: the server is up.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken ct = default)
    {
        try
        {
            await GetAsync("/api/v1/status/runtimeinfo", ct);
            return true;
        }
        catch (DatasourceUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Every metric name the server holds (GET /api/v1/label/__name__/values).</summary>
    public async Task<IReadOnlySet<string>> ListMetricsAsync(CancellationToken ct = default)
    {
        var data = (await GetAsync("/api/v1/label/__name__/values", ct))?["data"] as JsonArray;
        return data?.Select(n => n?.GetValue<string>()).OfType<string>().ToHashSet() ?? [];
    }

    private async Task<double?> QueryAsync(string query, CancellationToken ct)
    {
        var at = (time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        var answer = await GetAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}&time={at}", ct);
        var first = (answer?["data"]?["result"] as JsonArray)?.FirstOrDefault();
        // An instant vector sample is [unix time, "value"].
        var text = first?["value"]?[1]?.GetValue<string>();
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            LogNoData(query);
            return null;
        }
        return value;
    }

    /// <summary>The FQDN label value for a Watcher hostname: an exact value, else the one whose short name matches.</summary>
    private async Task<string?> HostLabelAsync(string hostname, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var fqdns = await FqdnsAsync(refresh: attempt > 0, ct);
            if (fqdns.Contains(hostname)) return hostname;
            var byShortName = fqdns.FirstOrDefault(f => f.Contains('.') && f.Split('.')[0] == hostname);
            if (byShortName is not null) return byShortName;
        }
        LogHostNotFound(hostname, options.CurrentValue.FqdnLabel);
        return null;
    }

    private async Task<HashSet<string>> FqdnsAsync(bool refresh, CancellationToken ct)
    {
        await _labelsGate.WaitAsync(ct);
        try
        {
            if (_fqdns is not null && !refresh) return _fqdns;
            var label = options.CurrentValue.FqdnLabel;
            var targets = (await GetAsync("/api/v1/targets?state=active", ct))?["data"]?["activeTargets"] as JsonArray;
            _fqdns = targets?.Select(t => t?["labels"]?[label]?.GetValue<string>()).OfType<string>().Where(v => v.Length > 0).ToHashSet() ?? [];
            return _fqdns;
        }
        finally
        {
            _labelsGate.Release();
        }
    }

    private async Task<JsonNode?> GetAsync(string path, CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(o.Host))
            throw new DatasourceUnavailableException("Datasource prometheus: Watcher:Prometheus:Host is not set");
        using var request = new HttpRequestMessage(HttpMethod.Get, o.BaseUrl + path);
        if (!string.IsNullOrEmpty(o.Username))
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.Username}:{o.Password}")));
        HttpResponseMessage response;
        try
        {
            response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
        }
        catch (Exception e) when (RemoteErrors.IsTransport(e) && !ct.IsCancellationRequested)
        {
            throw new DatasourceUnavailableException($"Datasource prometheus: {o.BaseUrl} is unreachable: {RemoteErrors.Describe(e)}");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode >= 500)
                throw new DatasourceUnavailableException(
                    $"Datasource prometheus: {o.BaseUrl} answered {(int)response.StatusCode}: {RemoteErrors.BodyMessage(body)}");
            if (!response.IsSuccessStatusCode)
            {
                // A query Prometheus refuses (bad expression, unknown label): no data, as upstream.
                LogRefused((int)response.StatusCode, RemoteErrors.BodyMessage(body));
                return null;
            }
            try
            {
                return JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus: no active scrape target has {Label} = {Host} (or a FQDN starting with it)")]
    private partial void LogHostNotFound(string host, string label);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Prometheus: no data for {Query}")]
    private partial void LogNoData(string query);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus refused a query ({Status}): {Reason}")]
    private partial void LogRefused(int status, string reason);
}
