using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Persistence.Faults;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// The one place errors become HTTP: Watcher exceptions carry their status, routing misses become 404/405,
/// storage faults (full disk, read-only or vanished database) become 503 naming the cause, anything unexpected is
/// a 500 "Server" fault without a stack trace (the trace goes to the log).
/// </summary>
public sealed partial class ErrorHandling(RequestDelegate next, ILogger<ErrorHandling> logger, StorageHealth storage)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
            if (!http.Response.HasStarted && http.Response.ContentLength is null && http.Response.ContentType is null)
            {
                if (http.Response.StatusCode == 404)
                    await ErrorEnvelope.Write(http, 404, "The resource could not be found.");
                else if (http.Response.StatusCode == 405)
                    await ErrorEnvelope.Write(http, 405, $"The method {http.Request.Method} is not allowed for this resource.");
                else if (http.Response.StatusCode == 415)
                    await ErrorEnvelope.Write(http, 415, "Unsupported Media Type: the request body must be JSON.");
            }
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            var (status, message) = storage.Explain(ex) is { } fault ? (503, fault.Message) : Classify(ex);
            if (status == 503) LogStorageFault(logger, http.Request.Method, http.Request.Path, message);
            else if (status >= 500) LogUnexpected(logger, ex, http.Request.Method, http.Request.Path);
            await ErrorEnvelope.Write(http, status, message);
        }
    }

    private static (int Status, string Message) Classify(Exception ex) => ex switch
    {
        WatcherException w => (w.StatusCode, w.Message),
        DbUpdateConcurrencyException => (409, "The resource was changed by another request at the same time; retry."),
        BadHttpRequestException b => (b.StatusCode, b.Message),
        _ => (500, "An unexpected error prevented the server from fulfilling the request."),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Reason}")]
    private static partial void LogStorageFault(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
