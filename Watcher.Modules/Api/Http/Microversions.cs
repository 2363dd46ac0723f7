using Microsoft.AspNetCore.Http;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// `OpenStack-API-Version: infra-optim X.Y` handling (reference §2.1): a missing or garbled value means 1.0,
/// "latest" means the maximum, out-of-range values are 406. Every /v1 response carries the version headers.
/// </summary>
public static class Microversions
{
    public const string Header = "OpenStack-API-Version";
    public const string MinHeader = "OpenStack-API-Minimum-Version";
    public const string MaxHeader = "OpenStack-API-Maximum-Version";
    public const string ServiceType = "infra-optim";
    private const string ItemKey = "watcher.api.version";

    public static ApiVersion Effective(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var v) && v is ApiVersion version ? version : ApiVersion.Min;

    /// <summary>Middleware body for /v1 paths: parse, remember, stamp the response headers (also on 406).</summary>
    public static async Task Handle(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers[MinHeader] = ApiVersion.Min.ToString();
            headers[MaxHeader] = ApiVersion.Max.ToString();
            if (http.Items.ContainsKey(ItemKey))
            {
                headers[Header] = $"{ServiceType} {Effective(http)}";
                headers.Vary = Header;
            }
            return Task.CompletedTask;
        });
        http.Items[ItemKey] = Parse(http.Request.Headers[Header].ToString());
        await next(http);
    }

    public static ApiVersion Parse(string? header)
    {
        var value = Requested(header);
        if (value is null) return ApiVersion.Min;
        if (value.Equals("latest", StringComparison.OrdinalIgnoreCase)) return ApiVersion.Max;

        var parts = value.Split('.');
        if (parts.Length > 2) throw new NotAcceptableException(Range($"Invalid value for {Header} header: {value}."));
        if (!parts.All(p => int.TryParse(p, out _))) return ApiVersion.Min;   // garbled: treated as 1.0 (clients rely on it)
        var version = new ApiVersion(int.Parse(parts[0]), parts.Length == 2 ? int.Parse(parts[1]) : 0);
        if (version.Major != ApiVersion.Max.Major)
            throw new NotAcceptableException(Range($"Mutually exclusive versions requested. Version {version} requested but not supported by this service."));
        if (version.CompareTo(ApiVersion.Min) < 0 || version.CompareTo(ApiVersion.Max) > 0)
            throw new NotAcceptableException(Range($"Version {version} was requested but the minor version is not supported by this service."));
        return version;
    }

    /// <summary>The value given for our service type, if any (the header may list several services).</summary>
    private static string? Requested(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        foreach (var item in header.Split(','))
        {
            var tokens = item.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 2 && tokens[0].Equals(ServiceType, StringComparison.OrdinalIgnoreCase)) return tokens[1];
        }
        return null;
    }

    private static string Range(string message) =>
        $"{message} The supported version range is: [{ApiVersion.Min}, {ApiVersion.Max}].";
}
