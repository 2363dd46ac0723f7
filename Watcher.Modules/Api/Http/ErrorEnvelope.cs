using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// Watcher's error body: `{"error_message": "<JSON string of {faultcode, faultstring, debuginfo}>"}`.
/// error_message is a string holding JSON; python-watcherclient decodes it a second time.
/// </summary>
public static class ErrorEnvelope
{
    public static string Build(int status, string message)
    {
        var fault = new JsonObject
        {
            ["faultcode"] = status < 500 ? "Client" : "Server",
            ["faultstring"] = message,
            ["debuginfo"] = null,
        };
        return new JsonObject { ["error_message"] = fault.ToJsonString(WatcherJson.Options) }.ToJsonString(WatcherJson.Options);
    }

    public static async Task Write(HttpContext http, int status, string message)
    {
        http.Response.Clear();
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(Build(status, message));
    }
}
