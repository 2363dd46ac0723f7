using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// What keeps a web page from driving the API through a browser on an operator's machine, and bodies sane:
/// <list type="bullet">
/// <item>A request that carries a body must be JSON, and one labelled as a form or plain text is refused even empty:
/// 415. A form post (or a no-cors fetch) from another site cannot send application/json, so it cannot create audits
/// or start plans.</item>
/// <item>A browser's write from another origin (its <c>Origin</c> header) is refused with 403 unless that origin is
/// in Watcher:Api:CorsAllowedOrigins; command-line clients send no Origin.</item>
/// <item>Bodies above Watcher:Api:MaxRequestBodySize (1 MB) are 413.</item>
/// </list>
/// Applies to the API's paths only (the dashboards have their own forms and rules).
/// </summary>
public sealed class RequestSafety(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var limit = options.Value.MaxRequestBodySize;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (request.ContentLength > limit) throw new PayloadTooLargeException(limit);

        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody ? !IsJson(request.ContentType) : IsFormType(request.ContentType))
            throw new UnsupportedMediaTypeException(request.ContentType);

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && request.Headers.Origin.ToString() is { Length: > 0 } origin && !SameOrigin(request, origin)
            && !options.Value.CorsAllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
            throw new CrossOriginRefusedException(origin);
        await next(http);
    }

    /// <summary>application/json, or any +json type (application/merge-patch+json...).</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.HasValue
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The types a browser sends across origins without asking first (a form, a no-cors fetch): refused even with an
    /// empty body, so a page cannot start a plan. Others without a body pass (python-watcherclient labels its
    /// body-less DELETEs application/octet-stream).
    /// </summary>
    private static bool IsFormType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.Value?.ToLowerInvariant()
            is "application/x-www-form-urlencoded" or "multipart/form-data" or "text/plain";

    private static bool SameOrigin(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
}

public sealed class UnsupportedMediaTypeException(string? type) : WatcherException(415,
    type is null ? "Unsupported Media Type: a request body must be sent as Content-Type: application/json."
        : $"Unsupported Media Type: {type}. The request body must be JSON (Content-Type: application/json).");

public sealed class PayloadTooLargeException(long limit)
    : WatcherException(413, $"The request body is larger than the {limit} bytes this service accepts (Watcher:Api:MaxRequestBodySize).");

public sealed class CrossOriginRefusedException(string origin) : WatcherException(403,
    $"A browser request from {origin} was refused: that origin is not allowed to call this API (Watcher:Api:CorsAllowedOrigins).");
