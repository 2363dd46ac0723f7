using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// /ui/assets/{file}: the stylesheet and script, embedded in the assembly (Dashboard/Assets, see the csproj) so the
/// single-file binary serves them with nothing on disk. Versioned by the assembly's build, cached for a day.
/// </summary>
public static class UiAssets
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".css"] = "text/css; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".svg"] = "image/svg+xml",
    };

    private static readonly Assembly Assembly = typeof(UiAssets).Assembly;

    /// <summary>Changes with every build, so a new binary's assets are fetched again.</summary>
    public static string Version { get; } = Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static string Url(string file) => $"{DashboardModule.Root}/assets/{file}?v={Version}";

    public static void MapAssets(this RouteGroupBuilder ui) =>
        ui.MapGet("/assets/{file}", (string file, HttpContext http) =>
        {
            var stream = Assembly.GetManifestResourceStream($"Dashboard.Assets.{file}");
            if (stream is null || !Types.TryGetValue(Path.GetExtension(file), out var type)) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Stream(stream, type);
        });
}
