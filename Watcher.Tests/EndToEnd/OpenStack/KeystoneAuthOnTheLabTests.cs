using System.Net;
using System.Text.RegularExpressions;
using Watcher.Modules.Dashboard.Http;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>
/// Watcher:Api:Auth=keystone against the lab's real Keystone (README "Securing the API"): the admin's token is
/// accepted, a member's is refused by upstream's default policy with its 403 text, a made-up one is 401 — and
/// every command of both stock client front ends works with a real token.
/// </summary>
[Collection(OpenStackLabCollection.Name)]
public sealed partial class KeystoneAuthOnTheLabTests : IDisposable
{
    private const string Member = "watcher-e2e-member";
    private readonly LabWatcher _watcher;
    private readonly string _endpoint;

    public KeystoneAuthOnTheLabTests(OpenStackLab lab)
    {
        _ = lab;
        var port = ClientFrontEnd.FreePort();
        _watcher = new LabWatcher(new Dictionary<string, string?> { ["Watcher:Api:Auth"] = "keystone" });
        _watcher.UseKestrel(port);
        _watcher.StartServer();
        _endpoint = $"http://127.0.0.1:{port}";
    }

    public void Dispose() => _watcher.Dispose();

    private HttpClient As(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_endpoint), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("OpenStack-API-Version", "infra-optim 1.5");
        if (token is not null) client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return client;
    }

    /// <summary>A lab user with only the member role on the admin project (made once, kept).</summary>
    private static async Task<string> MemberTokenAsync()
    {
        await OpenStackLab.CliAsync($"user create --domain Default --password {LabAdmin.Password} --or-show {Member}");
        await OpenStackLab.CliTextAsync($"role add --user {Member} --user-domain Default --project admin --project-domain Default member");
        return await LabAdmin.TokenAsync(Member, LabAdmin.Password, "admin");
    }

    [LabFact]
    public async Task ARealAdminTokenIsAccepted_AMembersIs403_ABadOneIs401()
    {
        var admin = await LabAdmin.TokenAsync("admin", LabAdmin.Password, "admin");
        await As(admin).GetAsync("/v1/goals").ExpectStatus(200);
        var audit = await As(admin).CreateAuditAsync("""{"audit_type": "EVENT", "goal": "dummy"}""");

        var member = await MemberTokenAsync();
        Assert.Equal("Policy doesn't allow goal:get_all to be performed.", await As(member).GetAsync("/v1/goals").ExpectError(403));
        Assert.Equal("Policy doesn't allow audit:create to be performed.",
            await As(member).PostJson("/v1/audits", """{"audit_type": "ONESHOT", "goal": "dummy"}""").ExpectError(403));

        var refused = await As("gAAAAABnot-a-real-token").GetAsync("/v1/goals");
        Assert.Equal(401, (int)refused.StatusCode);
        Assert.Equal($"Keystone uri=\"{LabAdmin.KeystoneUrl}\"", refused.Headers.WwwAuthenticate.Single().ToString());
        await As(null).GetAsync("/v1/audits").ExpectError(401);

        // Watcher's own service user (roles admin and service) may call the webhook; the member may not.
        Assert.Equal("Policy doesn't allow webhook:trigger to be performed.",
            await As(member).PostAsync($"/v1/webhooks/{audit}", null).ExpectError(403));
        var service = await LabAdmin.TokenAsync("watcher", LabAdmin.Password, "service");
        await As(service).PostAsync($"/v1/webhooks/{audit}", null).ExpectStatus(202);
    }

    [LabFact]
    public async Task EveryClientCommand_WorksWithARealToken_ThroughBothFrontEnds()
    {
        var admin = await LabAdmin.TokenAsync("admin", LabAdmin.Password, "admin");
        async Task<string> PlanOf(string audit)
        {
            var client = As(admin);
            await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED", LabWatcher.PlanPatience);
            return (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
        }
        await ClientWalk.RunAsync(ClientFrontEnd.Watcher(_endpoint, admin), PlanOf, "ks-shell");
        await ClientWalk.RunAsync(ClientFrontEnd.OpenStack(_endpoint, admin), PlanOf, "ks-osc");
        // Without the token the same client is turned away.
        var (code, output, error) = await ClientFrontEnd.Watcher(_endpoint).Run("goal", "list");
        Assert.NotEqual(0, code);
        Assert.Contains("requires authentication", error + output);
    }

    /// <summary>The dashboard's login (issue 11) with the lab admin's real Keystone credentials: a wrong password is
    /// refused on the login page, the right one opens the overview, and the pages then answer with the user's rights.</summary>
    [LabFact]
    public async Task TheDashboardLogin_WorksWithRealKeystoneCredentials()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            { BaseAddress = new Uri(_endpoint), Timeout = TimeSpan.FromMinutes(2) };
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        async Task<HttpResponseMessage> LogIn(string password)
        {
            var page = await browser.GetStringAsync("/ui/login?next=%2Fui%2Fgoals");
            return await browser.PostAsync("/ui/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [Csrf.FieldName] = WebUtility.HtmlDecode(CsrfField().Match(page).Groups[1].Value), ["next"] = "/ui/goals",
                ["username"] = "admin", ["password"] = password, ["project"] = "admin",
            }));
        }

        Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync("/ui")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogIn("not-the-password")).StatusCode);
        var accepted = await LogIn(LabAdmin.Password);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal("/ui/goals", accepted.Headers.Location!.OriginalString);
        var goals = await browser.GetAsync("/ui/goals");
        Assert.Equal(HttpStatusCode.OK, goals.StatusCode);
        Assert.Contains("server_consolidation", await goals.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/ui")).StatusCode);
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
