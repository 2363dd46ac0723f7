using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// `GET /` answers the version document (python-watcherclient and upstream's routing rely on it); a browser, which
/// asks for text/html first, is sent to the dashboard instead. curl's */* and clients asking for JSON are not.
/// </summary>
public static class RootRedirect
{
    public static Task Handle(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.Value is "/" or "" && HttpMethods.IsGet(http.Request.Method) && WantsHtml(http.Request))
        {
            http.Response.Redirect(DashboardModule.Root + "/");
            return Task.CompletedTask;
        }
        return next(http);
    }

    /// <summary>text/html named explicitly and preferred at least as much as JSON.</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return false;
        double Quality(string type) => accepted.Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0).DefaultIfEmpty(-1).Max();
        var html = Quality("text/html");
        return html > 0 && html >= Quality("application/json");
    }
}
