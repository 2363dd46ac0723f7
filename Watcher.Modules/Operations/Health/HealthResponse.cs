using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Watcher.Modules.Operations.Health;

/// <summary>
/// The body of /healthz and /healthz/ready: overall status and each check's status and sentence, so an operator
/// reading a red readiness sees why. Probes only need the status code (200, or 503 when unhealthy).
/// </summary>
internal static class HealthResponse
{
    public static Task Write(HttpContext http, HealthReport report)
    {
        var checks = new JsonObject();
        foreach (var (name, entry) in report.Entries)
        {
            checks[name] = new JsonObject
            {
                ["status"] = entry.Status.ToString(),
                ["description"] = entry.Description ?? entry.Exception?.Message,
                ["duration_seconds"] = Math.Round(entry.Duration.TotalSeconds, 3),
            };
        }
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(new JsonObject { ["status"] = report.Status.ToString(), ["checks"] = checks }.ToJsonString());
    }
}
