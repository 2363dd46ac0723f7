using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Watcher.Modules.Cloud.OpenStack.Contracts;
using Watcher.Modules.Dashboard.Http;
using Watcher.Tests.Api;
using Watcher.Tests.Support;

namespace Watcher.Tests.Dashboard;

/// <summary>
/// With Watcher:Api:Auth=keystone (Keystone played by the API tests' fake: password "secret" logs in as admin,
/// "member-token" is a member's token) the dashboard asks for a login, keeps the token in a protected cookie and
/// answers a page only when the API's policy rules for it allow the caller.
/// </summary>
public sealed partial class DashboardLoginTests : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory().With("Watcher:Api:Auth", "keystone")
        .With("Watcher:ClientsAuth:AuthUrl", "http://keystone.invalid:5000/v3")
        .WithServices(s =>
        {
            var keystone = new AuthenticationTests.FakeKeystone();
            s.RemoveAll<IKeystoneTokenValidator>();
            s.RemoveAll<IKeystoneLogin>();
            s.AddSingleton<IKeystoneTokenValidator>(keystone);
            s.AddSingleton<IKeystoneLogin>(keystone);
        }).WithCatalog();

    private readonly HttpClient _browser;

    public DashboardLoginTests()
    {
        _browser = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        _browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
    }

    public void Dispose() => _app.Dispose();

    private async Task<HttpResponseMessage> LogIn(Dictionary<string, string> fields, string next = "/ui")
    {
        var html = await _browser.GetStringAsync($"/ui/login?next={Uri.EscapeDataString(next)}");
        fields[Csrf.FieldName] = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        fields["next"] = next;
        return await _browser.PostAsync("/ui/login", new FormUrlEncodedContent(fields));
    }

    private static Dictionary<string, string> Credentials(string password) => new()
    {
        ["username"] = "admin", ["password"] = password, ["project"] = "admin",
    };

    [Fact]
    public async Task APage_WithoutLogin_GoesToTheLoginPage_WhichAsksForCredentialsOrAToken()
    {
        var response = await _browser.GetAsync("/ui/audits?state=ONGOING");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/ui/login?next=%2Fui%2Faudits%3Fstate%3DONGOING", response.Headers.Location!.OriginalString);
        var login = await _browser.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("name=\"password\"", login);
        Assert.Contains("name=\"token\"", login);
        Assert.Equal(HttpStatusCode.SeeOther, (await _browser.GetAsync("/ui")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/ui/assets/dashboard.css")).StatusCode);
    }

    [Fact]
    public async Task ABadPassword_IsRefusedOnTheLoginPage_WithNoCookie()
    {
        var response = await LogIn(Credentials("wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Keystone did not accept these credentials", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(LoginCookie.Name, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.SeeOther, (await _browser.GetAsync("/ui")).StatusCode);
    }

    [Fact]
    public async Task AnAdminLogin_OpensTheOverview_WithAProtectedStrictHttpOnlyCookie_AndLogoutClosesIt()
    {
        var response = await LogIn(Credentials("secret"), "/ui/goals");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/ui/goals", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(LoginCookie.Name, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("admin-token", cookie);   // encrypted, not the token itself

        var overview = await _browser.GetAsync("/ui");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        var html = await overview.Content.ReadAsStringAsync();
        Assert.Contains("Log out", html);
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/ui/goals")).StatusCode);

        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        var logout = await _browser.PostAsync("/ui/logout", new FormUrlEncodedContent(new Dictionary<string, string> { [Csrf.FieldName] = token }));
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal("/ui/login", logout.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.SeeOther, (await _browser.GetAsync("/ui")).StatusCode);
    }

    [Fact]
    public async Task AMemberToken_LogsIn_ButPagesGuardedByAdminRules_AnswerThePolicy403()
    {
        var response = await LogIn(new() { ["token"] = "member-token" }, "/ui/audits");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var audits = await _browser.GetAsync("/ui/audits");
        Assert.Equal(HttpStatusCode.Forbidden, audits.StatusCode);
        Assert.Contains("Policy doesn&#x27;t allow audit:get_all to be performed.", await audits.Content.ReadAsStringAsync());
        var plan = await _browser.GetAsync($"/ui/action_plans/{Guid.NewGuid()}/what-if");
        Assert.Equal(HttpStatusCode.Forbidden, plan.StatusCode);
        Assert.Contains("action_plan:get", await plan.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AForgedCookie_OrAnUnknownToken_LeadsBackToTheLogin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogIn(new() { ["token"] = "forged" })).StatusCode);
        var forged = new HttpRequestMessage(HttpMethod.Get, "/ui");
        forged.Headers.Add("Cookie", $"{LoginCookie.Name}=admin-token");
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.SeeOther, (await client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task WhatIf_WithoutAToken_Is401()
    {
        var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/what-if/action_plans/{Guid.NewGuid()}")).StatusCode);
        client.DefaultRequestHeaders.Add("X-Auth-Token", "member-token");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/what-if/action_plans/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public void EveryDashboardPage_NamesItsPolicyRules()
    {
        var pages = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/ui", StringComparison.Ordinal)
                && !e.RoutePattern.RawText.Contains("/assets/") && !e.RoutePattern.RawText.Contains("/log")
                && !e.RoutePattern.RawText.Contains("{**"))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (m, e.RoutePattern.RawText)))
            .ToList();
        Assert.True(pages.Count >= 20, $"only {pages.Count} pages");
        foreach (var (method, pattern) in pages)
            Assert.True(PageRules.For(method, pattern) is { Count: > 0 }, $"{method} {pattern} has no policy rule");
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
