using System.Text.Json.Nodes;
using Watcher.Tests.Support;

namespace Watcher.Tests.Operations;

/// <summary>What a load balancer, Kubernetes or Prometheus asks, as test steps.</summary>
internal static class OperatorProbes
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>GET /healthz/ready, expecting <paramref name="status"/>; returns the report.</summary>
    public static Task<JsonNode> ReadinessAsync(this HttpClient client, int status) =>
        client.GetAsync("/healthz/ready").ExpectJson(status);

    /// <summary>The readiness check <paramref name="check"/>'s (status, description).</summary>
    public static (string Status, string Description) Check(this JsonNode report, string check) =>
        ((string)report["checks"]![check]!["status"]!, (string)report["checks"]![check]!["description"]!);

    /// <summary>Polls until readiness answers <paramref name="status"/> (recovery runs in the background).</summary>
    public static async Task<JsonNode> WaitForReadinessAsync(this HttpClient client, int status, LogRecorder? log = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var response = await client.GetAsync("/healthz/ready");
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode == status) return JsonNode.Parse(body)!;
            Assert.True(DateTime.UtcNow < deadline, $"readiness still {(int)response.StatusCode} after {Patience}: {body}\n"
                + string.Join("\n", log?.Lines.Where(l => l.Contains("Watcher.Modules")) ?? []));
            await Task.Delay(100);
        }
    }

    /// <summary>GET /metrics as text.</summary>
    public static async Task<string> MetricsAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of one sample line, e.g. <c>watcher_database_up</c> or <c>watcher_audits{state="SUCCEEDED",audit_type="ONESHOT"}</c>.</summary>
    public static double? Sample(this string metrics, string series)
    {
        foreach (var line in metrics.Split('\n'))
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return null;
    }

    public static Task<HttpResponseMessage> CreateTemplateAsync(this HttpClient client, string name) =>
        client.PostJson("/v1/audit_templates", $$"""{"name": "{{name}}", "goal": "dummy"}""");

    public static async Task<List<string>> TemplateNamesAsync(this HttpClient client) =>
        ((JsonArray)(await client.GetAsync("/v1/audit_templates").ExpectJson())["audit_templates"]!)
        .Select(t => (string)t!["name"]!).Order().ToList();
}
