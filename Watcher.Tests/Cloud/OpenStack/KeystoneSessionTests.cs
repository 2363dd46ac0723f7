using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.OpenStack.Contracts;
using Watcher.Modules.Cloud.OpenStack.Keystone;
using Watcher.Tests.Shared;

namespace Watcher.Tests.Cloud.OpenStack;

public sealed class KeystoneSessionTests
{
    private readonly StubOpenStack _stub = StubOpenStack.WithLab();
    private readonly TestClock _clock = new(OpenStackTestHost.TokenIssuedAt.AddMinutes(1));

    private KeystoneSession Session(params (string, string?)[] settings) =>
        OpenStackTestHost.Build(_stub, _clock, settings).GetRequiredService<KeystoneSession>();

    [Fact]
    public async Task PasswordAuthentication_SendsAProjectScopedRequest_AndReadsTokenAndCatalog()
    {
        var token = await Session().GetTokenAsync();

        var sent = JsonNode.Parse(_stub.To("/v3/auth/tokens").Single().Body!)!["auth"]!;
        Assert.Equal("password", sent["identity"]!["methods"]![0]!.GetValue<string>());
        Assert.Equal("watcher", sent["identity"]!["password"]!["user"]!["name"]!.GetValue<string>());
        Assert.Equal("Default", sent["identity"]!["password"]!["user"]!["domain"]!["name"]!.GetValue<string>());
        Assert.Equal("service", sent["scope"]!["project"]!["name"]!.GetValue<string>());
        Assert.Equal("service-token-1", token.Value);
        Assert.Equal(("watcher", "service"), (token.Info.UserName, token.Info.ProjectName));
        Assert.True(token.Info.HasRole("admin"));
        Assert.Contains(token.Catalog.Endpoints, e => e.ServiceType == "compute");
    }

    [Fact]
    public async Task RequestBody_HasAContentLength_NotChunked()
    {
        await Session().GetTokenAsync();

        Assert.NotNull(_stub.To("/v3/auth/tokens").Single().Header("Content-Length"));
    }

    [Fact]
    public async Task ApplicationCredential_IsSentWithoutScope()
    {
        await Session(("Watcher:ClientsAuth:ApplicationCredentialId", "ac-1"), ("Watcher:ClientsAuth:ApplicationCredentialSecret", "s3cret"))
            .GetTokenAsync();

        var sent = JsonNode.Parse(_stub.To("/v3/auth/tokens").Single().Body!)!["auth"]!;
        Assert.Equal("application_credential", sent["identity"]!["methods"]![0]!.GetValue<string>());
        Assert.Equal("ac-1", sent["identity"]!["application_credential"]!["id"]!.GetValue<string>());
        Assert.Null(sent["scope"]);
    }

    [Fact]
    public async Task Token_IsCached_UntilFiveMinutesBeforeItExpires_ThenRenewed()
    {
        var session = Session();
        await session.GetTokenAsync();
        _clock.Advance(TimeSpan.FromMinutes(50));   // expires 60 min after issue; renew at 55
        await session.GetTokenAsync();
        Assert.Single(_stub.To("/v3/auth/tokens"));

        _clock.Advance(TimeSpan.FromMinutes(5));
        await session.GetTokenAsync();
        Assert.Equal(2, _stub.To("/v3/auth/tokens").Count());
    }

    [Fact]
    public async Task WrongPassword_SaysKeystoneRefusedTheCredentials()
    {
        _stub.On(HttpMethod.Post, "/v3/auth/tokens", _ => StubOpenStack.Json(401, StubOpenStack.Recorded("keystone-error-401.json")));

        var error = await Assert.ThrowsAsync<CloudException>(() => Session().GetTokenAsync());

        Assert.Equal("Keystone (http://127.0.0.1:15000/v3) refused Watcher's credentials (Watcher:ClientsAuth): " +
            "The request you have made requires authentication.", error.Message);
        Assert.IsNotType<CloudUnavailableException>(error);
    }

    [Fact]
    public async Task Endpoints_AreFoundByTypeInterfaceAndRegion_WithTheProjectFilledIn()
    {
        var session = Session();

        Assert.Equal("http://127.0.0.1:18774/v2.1", await session.EndpointAsync(["compute"], null, null));
        Assert.Equal("http://127.0.0.1:18776/v3/55b78719337b47dc9b7b927e3c337b42",
            await session.EndpointAsync(["block-storage", "volumev3"], "internal", "RegionOne"));
        var missing = await Assert.ThrowsAsync<CloudException>(() => session.EndpointAsync(["compute"], "public", "RegionTwo"));
        Assert.Equal("The Keystone catalog has no public endpoint for service type compute in region RegionTwo", missing.Message);
    }

    [Fact]
    public async Task AuthUrl_WithoutV3_IsCompleted()
    {
        await Session(("Watcher:ClientsAuth:AuthUrl", "http://127.0.0.1:15000/")).GetTokenAsync();

        Assert.Equal("http://127.0.0.1:15000/v3/auth/tokens", _stub.To("/v3/auth/tokens").Single().Uri.ToString());
    }

    [Fact]
    public async Task ValidateToken_AsksKeystoneWithTheServiceToken_AndReadsRoles_OrNullWhenUnknown()
    {
        _stub.On(HttpMethod.Get, "/v3/auth/tokens", r => r.Header("X-Subject-Token") == "user-token"
            ? StubOpenStack.Json(200, StubOpenStack.Recorded("keystone-token.json"))
            : StubOpenStack.Json(404, """{"error": {"code": 404, "message": "Could not find token"}}"""));
        var validator = OpenStackTestHost.Build(_stub, _clock).GetRequiredService<IKeystoneTokenValidator>();

        var token = await validator.ValidateAsync("user-token");
        var unknown = await validator.ValidateAsync("forged");

        Assert.Equal("service-token-1", _stub.To("/v3/auth/tokens").First(r => r.Method == HttpMethod.Get).Header("X-Auth-Token"));
        Assert.NotNull(token);
        Assert.Contains("admin", token!.Roles);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task KeystoneDown_IsUnavailable_NamingIt()
    {
        using var provider = OpenStackTestHost.Build(null, _clock,
            ("Watcher:ClientsAuth:AuthUrl", $"http://127.0.0.1:{FreePort.Get()}/v3"), ("Watcher:ClientsAuth:HttpRetries", "1"));

        var error = await Assert.ThrowsAsync<CloudUnavailableException>(() => provider.GetRequiredService<KeystoneSession>().GetTokenAsync());

        Assert.Matches(@"^Keystone \(http://127\.0\.0\.1:\d+/v3\) is unreachable: connection refused$", error.Message);
    }
}
