using Microsoft.AspNetCore.Http;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// What a handler needs to know about the HTTP request: the effective microversion, whether soft-deleted rows
/// are visible, and the base URLs links are built from. Built once per request by the endpoints.
/// </summary>
public sealed record ApiContext(ApiVersion Version, bool ShowDeleted, string HostUrl, string AppUrl)
{
    /// <summary>Used by handlers invoked outside HTTP (tests, CLI).</summary>
    public static ApiContext Default { get; } = new(ApiVersion.Max, false, "http://localhost", "http://localhost");

    public static ApiContext From(HttpContext http)
    {
        var request = http.Request;
        var host = $"{request.Scheme}://{request.Host}";
        return new ApiContext(Microversions.Effective(http), ParseShowDeleted(request), host, host + request.PathBase);
    }

    /// <summary>X-Show-Deleted parsed as a boolean (upstream treats any non-empty value as true; we fix that).</summary>
    private static bool ParseShowDeleted(HttpRequest request)
    {
        var value = request.Headers["X-Show-Deleted"].ToString().Trim();
        return value.ToLowerInvariant() is "1" or "true" or "yes" or "on" or "y" or "t";
    }

    /// <summary>`{"href": "<host>/v1/<coll>/<id>", "rel": "self"}` and the bookmark without /v1 (reference §2.1).</summary>
    public System.Text.Json.Nodes.JsonArray Links(string collection, string id) =>
    [
        new System.Text.Json.Nodes.JsonObject { ["href"] = $"{HostUrl}/v1/{collection}/{id}", ["rel"] = "self" },
        new System.Text.Json.Nodes.JsonObject { ["href"] = $"{HostUrl}/{collection}/{id}", ["rel"] = "bookmark" },
    ];
}
