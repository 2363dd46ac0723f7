using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Persistence.Faults;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// Errors on dashboard pages become an HTML page with the API's own message and status (the JSON envelope is for
/// API clients). Forms catch their use case's errors themselves to show them beside the submitted values.
/// </summary>
public sealed partial class UiErrorFilter(StorageHealth storage, ILogger<UiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            var (status, message) = Explain(ex, storage);
            if (status >= 500 && status != 503) LogUnexpected(logger, ex, http.Request.Method, http.Request.Path);
            return UiResults.Error(status, message);
        }
    }

    public static (int Status, string Message) Explain(Exception ex, StorageHealth storage) => ex switch
    {
        _ when storage.Explain(ex) is { } fault => (503, fault.Message),
        WatcherException w => (w.StatusCode, w.Message),
        AntiforgeryValidationException => (400, "This form has expired or did not come from this dashboard: reload the page and submit it again."),
        DbUpdateConcurrencyException => (409, "The resource was changed by another request at the same time; reload and retry."),
        _ => (500, "An unexpected error prevented the dashboard from answering; the service log has the details."),
    };

    public static IResult NotFound(HttpContext http) => UiResults.Error(404, $"There is no dashboard page at {http.Request.Path}.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error on dashboard {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
