using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Contracts;
using Watcher.Modules.Api.Http;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// The dashboard's pages send the API's MediatR requests directly, so with authentication on (Watcher:Api:Auth
/// other than <c>none</c>) they do the API's checks themselves: the caller comes from the login cookie's Keystone
/// token (no valid one: to /ui/login), and every rule of the page (<see cref="PageRules"/>) must allow them, else a
/// 403 page with upstream's policy text. With auth <c>none</c> every caller is an admin and nothing is asked.
/// Assets and the login and logout pages are open.
/// </summary>
public sealed class LoginGate(ICallerAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!LoginRequired(authenticator) || IsOpen(http.Request.Path)) return await next(context);

        var token = LoginCookie.Read(http);
        var caller = token is null ? null : await authenticator.AuthenticateAsync(token, http.RequestAborted);
        if (caller is null)
        {
            if (token is not null) LoginCookie.Delete(http);   // expired or revoked: log in again
            return UiResults.SeeOther(LoginUrl(http));
        }
        Caller.Set(http, caller);

        var rules = PageRules.For(http.Request.Method, (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
        if (rules is null)
            return UiResults.Error(StatusCodes.Status403Forbidden, "This dashboard page names no policy rule, so it stays closed with authentication on.");
        foreach (var rule in rules)
            if (!authenticator.Allows(caller, rule))
                return UiResults.Error(StatusCodes.Status403Forbidden, new PolicyNotAuthorizedException(rule).Message);
        return await next(context);
    }

    public static bool LoginRequired(ICallerAuthenticator authenticator) => authenticator.Mode != AuthModes.None;

    private static bool IsOpen(PathString path) =>
        path.StartsWithSegments($"{DashboardModule.Root}/assets") || path.StartsWithSegments($"{DashboardModule.Root}/login")
        || path.StartsWithSegments($"{DashboardModule.Root}/logout");

    /// <summary>/ui/login, with the page to come back to after a GET (a form post is not replayed).</summary>
    private static string LoginUrl(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
            ? $"{DashboardModule.Root}/login?next={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}"
            : $"{DashboardModule.Root}/login";
}
