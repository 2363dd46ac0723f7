using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Watcher.Modules.Dashboard.Pages;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>Pages are Razor components rendered to HTML on the server (no Blazor circuit, no WebAssembly).</summary>
public static class UiResults
{
    public static IResult Page<TPage>(object model, int status = StatusCodes.Status200OK) where TPage : IComponent =>
        new RazorComponentResult<TPage>(new Dictionary<string, object?> { ["Model"] = model }) { StatusCode = status };

    public static IResult Error(int status, string message) =>
        Page<ErrorPage>(new ErrorModel(status, message), status);

    /// <summary>After a successful form post: the browser loads the resource's page (303, so a reload does not post again).</summary>
    public static IResult SeeOther(string url) => new SeeOtherResult(url);

    private sealed class SeeOtherResult(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }
}
