using Microsoft.AspNetCore.Http;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// Upstream routes any path whose first segment is not `v1` as if prefixed with /v1 (bookmark links rely on it),
/// and the client calls collection URLs with a trailing slash. Both are normalised before routing.
/// The operator endpoints (/healthz, /healthz/ready, /metrics), Swagger, the events, progress and what-if documents and the
/// dashboard (/ui) live outside /v1 and are left alone.
/// </summary>
public static class RootRouting
{
    private static readonly string[] Untouched =
        ["swagger", "healthz", "metrics", "events", Progress.ProgressEndpoints.Prefix, WhatIf.WhatIfEndpoints.Prefix, "ui"];

    public static Task Rewrite(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.Length > 1 && path.EndsWith('/')) path = path.TrimEnd('/');
        if (path.Length == 0) path = "/";
        var first = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is not null && first != "v1" && !Untouched.Contains(first, StringComparer.OrdinalIgnoreCase))
            path = "/v1" + path;
        http.Request.Path = path;
        return next(http);
    }

    public static bool IsV1(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal);
}
