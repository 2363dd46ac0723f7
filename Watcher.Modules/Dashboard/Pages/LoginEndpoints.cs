using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Watcher.Modules.Api.Contracts;
using Watcher.Modules.Dashboard.Http;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Dashboard.Pages;

/// <summary>
/// /ui/login and /ui/logout with authentication on: the credentials or token go to the API's own caller
/// authentication (issue 8), and the token it answers is kept in <see cref="LoginCookie"/>. With auth none there
/// is nothing to log in to, so the login page sends the browser to the overview.
/// </summary>
public static class LoginEndpoints
{
    private const string Refused = "Keystone did not accept these credentials (user name, password, project and their domains), or this token.";

    public static void MapLoginPages(this RouteGroupBuilder ui)
    {
        ui.MapGet("/login", (HttpContext http, ICallerAuthenticator auth) =>
            LoginGate.LoginRequired(auth)
                ? UiResults.Page<LoginPage>(new LoginModel(Next(http.Request.Query["next"])))
                : UiResults.SeeOther(DashboardModule.Root + "/"));

        ui.MapPost("/login", async (HttpContext http, ICallerAuthenticator auth) =>
        {
            var form = await Csrf.ReadFormAsync(http);
            string? Field(string name) => form[name].ToString().Trim() is { Length: > 0 } v ? v : null;
            var typed = new LoginModel(Next(form["next"]), Field("username"), Field("project"),
                Field("user_domain") ?? "Default", Field("project_domain") ?? "Default");
            if (!LoginGate.LoginRequired(auth)) return UiResults.SeeOther(typed.Next);
            try
            {
                string? token;
                DateTimeOffset expiresAt;
                if (Field("token") is { } given)
                {
                    var caller = await auth.AuthenticateAsync(given, http.RequestAborted);
                    // Validation does not say when the token expires; every page asks Keystone again (cached), so an
                    // expired token leads back here before the cookie's own end.
                    (token, expiresAt) = (caller is null ? null : given, DateTimeOffset.UtcNow.AddHours(12));
                }
                else if (typed.UserName is null || typed.Project is null || Field("password") is null)
                    return UiResults.Page<LoginPage>(typed with { Error = "Give a user name, a password and a project, or a token." }, StatusCodes.Status400BadRequest);
                else
                {
                    var login = await auth.LoginAsync(new LoginCredentials(typed.UserName, form["password"].ToString(), typed.Project,
                        typed.UserDomain, typed.ProjectDomain), http.RequestAborted);
                    (token, expiresAt) = (login?.Token, login?.ExpiresAt ?? default);
                }
                if (token is null) return UiResults.Page<LoginPage>(typed with { Error = Refused }, StatusCodes.Status401Unauthorized);
                LoginCookie.Write(http, token, expiresAt);
                return UiResults.SeeOther(typed.Next);
            }
            catch (WatcherException e)   // Keystone unreachable: 503 with its reason, beside what was typed
            {
                return UiResults.Page<LoginPage>(typed with { Error = e.Message }, e.StatusCode);
            }
        });

        ui.MapPost("/logout", async (HttpContext http) =>
        {
            await Csrf.ReadFormAsync(http);
            LoginCookie.Delete(http);
            return UiResults.SeeOther(DashboardModule.Root + "/login");
        });
    }

    /// <summary>Only a dashboard path, so the login cannot be used to send the browser to another site.</summary>
    private static string Next(string? next) =>
        next is not null && (next == DashboardModule.Root || next.StartsWith(DashboardModule.Root + "/", StringComparison.Ordinal))
            && !next.Contains('\\') ? next : DashboardModule.Root + "/";
}
