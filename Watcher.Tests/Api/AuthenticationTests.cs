using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Watcher.Modules.Api.Contracts;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.OpenStack.Contracts;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

/// <summary>
/// Watcher:Api:Auth=keystone with Keystone played by a fake validator (the end-to-end suite uses the real one):
/// 401 without a valid token, upstream's default policy and its 403 text, overrides from configuration, public
/// routes, the validation cache. And Auth=none: every caller is an admin, on a loopback address only.
/// </summary>
public sealed class AuthenticationTests : IDisposable
{
    private readonly FakeKeystone _keystone = new();
    private readonly List<ApiFactory> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
    }

    private ApiFactory Keystone(params (string Key, string Value)[] settings)
    {
        var app = new ApiFactory().With("Watcher:Api:Auth", "keystone")
            .With("Watcher:ClientsAuth:AuthUrl", "http://keystone.invalid:5000/v3")
            .WithServices(s =>
            {
                s.RemoveAll<IKeystoneTokenValidator>();
                s.RemoveAll<IKeystoneLogin>();
                s.AddSingleton<IKeystoneTokenValidator>(_keystone);
                s.AddSingleton<IKeystoneLogin>(_keystone);
            });
        foreach (var (key, value) in settings) app.With(key, value);
        _apps.Add(app);
        return app.WithCatalog();
    }

    private static HttpClient As(ApiFactory app, string? token)
    {
        var client = app.Client();
        if (token is not null) client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return client;
    }

    [Fact]
    public async Task NoTokenOrAnUnknownOne_Is401_NamingKeystone()
    {
        var app = Keystone();
        var response = await As(app, null).GetAsync("/v1/goals");
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("The request you have made requires authentication.", await response.FaultString());
        Assert.Equal("Keystone uri=\"http://keystone.invalid:5000/v3\"", response.Headers.WwwAuthenticate.Single().ToString());
        await As(app, "forged").GetAsync("/v1/goals").ExpectError(401);
        // Unknown paths and methods under /v1 need a token too (upstream's token check runs before routing).
        await As(app, null).GetAsync("/v1/nothing-here").ExpectError(401);
        // Our progress document, outside /v1, is guarded like the plan it describes.
        await As(app, null).GetAsync($"/progress/action_plans/{Guid.NewGuid()}").ExpectError(401);
        await As(app, null).GetAsync("/events").ExpectError(401);
        await As(app, "admin-token").GetAsync("/v1/nothing-here").ExpectError(404);
    }

    [Fact]
    public async Task AnAdminToken_IsAccepted_AndAMembersIs403WithUpstreamsText()
    {
        var app = Keystone();
        await As(app, "admin-token").GetAsync("/v1/goals").ExpectStatus(200);
        Assert.Equal("Policy doesn't allow goal:get_all to be performed.",
            await As(app, "member-token").GetAsync("/v1/goals").ExpectError(403));
        Assert.Equal("Policy doesn't allow audit:create to be performed.",
            await As(app, "member-token").PostJson("/v1/audits", """{"audit_type": "ONESHOT", "goal": "dummy"}""").ExpectError(403));
        Assert.Equal("Policy doesn't allow strategy:state to be performed.",
            await As(app, "member-token").GetAsync("/v1/strategies/dummy/state").ExpectError(403));
        Assert.Equal(0, app.Read(db => db.Audits.Count()));
        // "administrator" is an admin role too (admin_api: role:admin or role:administrator).
        await As(app, "administrator-token").GetAsync("/v1/audits/detail").ExpectStatus(200);
    }

    [Fact]
    public async Task PolicyOverridesFromConfiguration_ReplaceTheDefaultRule()
    {
        var app = Keystone(("Watcher:Api:Policy:goal:get_all", "role:member or rule:admin_api"),
            ("Watcher:Api:Policy:audit:delete", "!"));
        await As(app, "member-token").GetAsync("/v1/goals").ExpectStatus(200);
        Assert.Equal("Policy doesn't allow goal:get to be performed.", await As(app, "member-token").GetAsync("/v1/goals/dummy").ExpectError(403));
        var audit = await As(app, "admin-token").PostJson("/v1/audits", """{"audit_type": "EVENT", "goal": "dummy"}""").ExpectJson(201);
        await As(app, "admin-token").Replace($"/v1/audits/{audit["uuid"]}", "/state", "CANCELLED").ExpectStatus(200);
        Assert.Equal("Policy doesn't allow audit:delete to be performed.",
            await As(app, "admin-token").DeleteAsync($"/v1/audits/{audit["uuid"]}").ExpectError(403));
    }

    [Fact]
    public void ABadPolicyOverride_StopsStartUp_NamingTheRule()
    {
        var error = Assert.ThrowsAny<Exception>(() => Keystone(("Watcher:Api:Policy:audit:get", "role:admin or or")));
        Assert.Contains("Watcher:Api:Policy:audit:get", error.ToString());
    }

    [Fact]
    public async Task Webhooks_NeedAServiceOrAdminToken_UnlessWebhookAuthIsOff()
    {
        var app = Keystone();
        var audit = await As(app, "admin-token").PostJson("/v1/audits", """{"audit_type": "EVENT", "goal": "dummy"}""").ExpectJson(201);
        var hook = $"/v1/webhooks/{audit["uuid"]}";
        await As(app, null).PostAsync(hook, null).ExpectError(401);
        Assert.Equal("Policy doesn't allow webhook:trigger to be performed.", await As(app, "member-token").PostAsync(hook, null).ExpectError(403));
        await As(app, "service-token").PostAsync(hook, null).ExpectStatus(202);

        var open = Keystone(("Watcher:Api:EnableWebhooksAuth", "false"));
        var other = await As(open, "admin-token").PostJson("/v1/audits", """{"audit_type": "EVENT", "goal": "dummy"}""").ExpectJson(201);
        await As(open, null).PostAsync($"/v1/webhooks/{other["uuid"]}", null).ExpectStatus(202);
    }

    [Fact]
    public async Task TheVersionDocumentAndOperatorEndpoints_ArePublic()
    {
        var app = Keystone();
        await As(app, null).GetAsync("/").ExpectStatus(200);
        await As(app, null).GetAsync("/healthz").ExpectStatus(200);
        await As(app, null).GetAsync("/v1").ExpectError(401);
    }

    [Fact]
    public async Task ATokenIsAskedAboutOnce_WithinTheCacheTime()
    {
        var app = Keystone();
        for (var i = 0; i < 5; i++) await As(app, "admin-token").GetAsync("/v1/goals").ExpectStatus(200);
        for (var i = 0; i < 3; i++) await As(app, "forged").GetAsync("/v1/goals").ExpectStatus(401);
        Assert.Equal(1, _keystone.Asked["admin-token"]);
        Assert.Equal(1, _keystone.Asked["forged"]);
        // After the cache time the next request asks again (a revoked token stops working).
        app.Time.Now += TimeSpan.FromSeconds(61);
        await As(app, "admin-token").GetAsync("/v1/goals").ExpectStatus(200);
        Assert.Equal(2, _keystone.Asked["admin-token"]);
    }

    [Fact]
    public async Task KeystoneUnreachable_Is503()
    {
        var app = Keystone();
        _keystone.Down = true;
        Assert.Contains("Keystone is down", await As(app, "admin-token").GetAsync("/v1/goals").ExpectError(503));
    }

    [Fact]
    public async Task TheLoginContract_TurnsCredentialsIntoATokenAndACaller()
    {
        var app = Keystone();
        var auth = app.Services.GetRequiredService<ICallerAuthenticator>();
        var login = await auth.LoginAsync(new LoginCredentials("alice", "secret", "demo"));
        Assert.Equal("admin-token", login!.Token);
        Assert.True(auth.Allows(login.Caller, "audit:create"));
        Assert.Null(await auth.LoginAsync(new LoginCredentials("alice", "wrong", "demo")));
        var member = await auth.AuthenticateAsync("member-token");
        Assert.False(auth.Allows(member!, "audit:create"));
    }

    [Fact]
    public async Task AuthNone_MakesEveryCallerAnAdmin()
    {
        var app = new ApiFactory().WithCatalog();
        _apps.Add(app);
        await app.Client().GetAsync("/v1/goals").ExpectStatus(200);
        await app.Client().PostJson("/v1/audits", """{"audit_type": "ONESHOT", "goal": "dummy"}""").ExpectStatus(201);
    }

    [Theory]
    [InlineData("http://0.0.0.0:9322")]
    [InlineData("http://[::]:9322")]
    [InlineData("http://watcher.example.org:9322")]
    [InlineData("http://127.0.0.1:9322;http://10.0.0.5:9322")]
    public void AuthNone_OnANonLoopbackAddress_RefusesToStart(string urls)
    {
        var app = new ApiFactory().With("urls", urls);
        _apps.Add(app);
        var error = Assert.ThrowsAny<Exception>(() => app.Client());
        Assert.Contains("Refusing to start: Watcher:Api:Auth is 'none'", error.ToString());
    }

    [Fact]
    public async Task AuthNone_OnANonLoopbackAddress_StartsWhenAllowedExplicitly_WithAWarning()
    {
        var logs = new ConcurrentQueue<string>();
        var app = new ApiFactory().With("urls", "http://0.0.0.0:9322").With("Watcher:Api:AllowInsecureRemote", "true")
            .WithServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new ListLogger(logs)));
        _apps.Add(app);
        await app.Client().GetAsync("/v1/goals").ExpectStatus(200);
        Assert.Contains(logs, l => l.Contains("anyone who can reach it is an admin"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9322")]
    [InlineData("http://localhost:9322")]
    [InlineData("http://[::1]:9322")]
    public void AuthNone_OnLoopback_Starts(string urls)
    {
        var app = new ApiFactory().With("urls", urls);
        _apps.Add(app);
        Assert.NotNull(app.Client());
    }

    /// <summary>Tokens: admin-token (admin), administrator-token, member-token (member), service-token (service).</summary>
    internal sealed class FakeKeystone : IKeystoneTokenValidator, IKeystoneLogin
    {
        public ConcurrentDictionary<string, int> Asked { get; } = new();
        public bool Down { get; set; }

        public Task<KeystoneToken?> ValidateAsync(string subjectToken, CancellationToken ct = default)
        {
            Asked.AddOrUpdate(subjectToken, 1, (_, n) => n + 1);
            if (Down) throw new CloudUnavailableException("Keystone is down");
            var role = subjectToken.EndsWith("-token", StringComparison.Ordinal) ? subjectToken[..^"-token".Length] : null;
            return Task.FromResult(role is null ? null : Token(role));
        }

        public Task<IssuedToken?> LoginAsync(string userName, string password, string projectName, string userDomainName,
            string projectDomainName, CancellationToken ct = default) =>
            Task.FromResult(password == "secret" ? new IssuedToken("admin-token", Token("admin")!) : null);

        private static KeystoneToken? Token(string role) =>
            new("u-" + role, role + "-user", "default", "p-1", "demo", "default", [role, "reader"], DateTimeOffset.UtcNow.AddYears(1));
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines) : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter) => lines.Enqueue(formatter(state, exception));
    }
}
