using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.OpenStack.Contracts;
using Watcher.Modules.Shared.Http;

namespace Watcher.Modules.Cloud.OpenStack.Keystone;

/// <summary>
/// Watcher's service identity in Keystone v3: one project-scoped token (password or application credential)
/// shared by every OpenStack client, renewed before it expires or when a service says 401, and the catalog it
/// came with for endpoint discovery. Also validates callers' tokens (<see cref="IKeystoneTokenValidator"/>).
/// </summary>
public sealed partial class KeystoneSession(
    IHttpClientFactory httpFactory, IOptionsMonitor<ClientsAuthOptions> options, TimeProvider time, ILogger<KeystoneSession> logger)
    : IKeystoneTokenValidator, IKeystoneLogin
{
    public const string HttpClientName = "keystone";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServiceToken? _current;

    /// <summary>A token of Watcher's service user, the catalog it came with, and when to renew it.</summary>
    public sealed record ServiceToken(string Value, KeystoneToken Info, KeystoneCatalog Catalog, DateTimeOffset RenewAt);

    public string AuthUrl => NormaliseAuthUrl(options.CurrentValue.AuthUrl);

    public async Task<ServiceToken> GetTokenAsync(CancellationToken ct = default)
    {
        var current = _current;
        if (current is not null && time.GetUtcNow() < current.RenewAt) return current;
        await _gate.WaitAsync(ct);
        try
        {
            current = _current;
            if (current is null || time.GetUtcNow() >= current.RenewAt) _current = current = await AuthenticateAsync(ct);
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A service answered 401 with this token: forget it so the next call authenticates again.</summary>
    public void Invalidate(string token)
    {
        if (_current?.Value == token) _current = null;
    }

    /// <summary>
    /// The base URL of a service from the catalog, for the interface and region asked (falling back to
    /// Watcher:ClientsAuth's); <c>%(project_id)s</c> templates (Cinder) are filled with the token's project.
    /// </summary>
    public async Task<string> EndpointAsync(IReadOnlyList<string> serviceTypes, string? iface, string? region, CancellationToken ct = default)
    {
        var token = await GetTokenAsync(ct);
        var o = options.CurrentValue;
        var url = token.Catalog.Find(serviceTypes, string.IsNullOrEmpty(iface) ? o.Interface : iface,
            string.IsNullOrEmpty(region) ? o.RegionName : region);
        var project = token.Info.ProjectId ?? "";
        return url.Replace("%(project_id)s", project).Replace("$(project_id)s", project)
            .Replace("%(tenant_id)s", project).Replace("$(tenant_id)s", project);
    }

    public async Task<KeystoneToken?> ValidateAsync(string subjectToken, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var service = await GetTokenAsync(ct);
            // The caller's catalog is not needed to know who they are (and makes the answer many times larger).
            using var request = new HttpRequestMessage(HttpMethod.Get, AuthUrl + "/auth/tokens?nocatalog");
            request.Headers.Add("X-Auth-Token", service.Value);
            request.Headers.Add("X-Subject-Token", subjectToken);
            using var response = await SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                Invalidate(service.Value);   // our own token was revoked: authenticate again, once
                continue;
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized) return null;
            await EnsureSuccessAsync(response, "validating a token", ct);
            return KeystoneTokenParser.Parse(await response.Content.ReadFromJsonAsync<JsonNode>(ct));
        }
    }

    public async Task<IssuedToken?> LoginAsync(string userName, string password, string projectName,
        string userDomainName, string projectDomainName, CancellationToken ct = default)
    {
        var body = KeystoneAuthRequest.Build(new ClientsAuthOptions
        {
            Username = userName, Password = password, ProjectName = projectName,
            UserDomainName = userDomainName, ProjectDomainName = projectDomainName,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, AuthUrl + "/auth/tokens?nocatalog") { Content = Http.JsonBody.Create(body) };
        using var response = await SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, "logging a user in", ct);
        var value = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.First()
            : throw new CloudException($"Keystone ({AuthUrl}) answered without an X-Subject-Token header");
        return new IssuedToken(value, KeystoneTokenParser.Parse(await response.Content.ReadFromJsonAsync<JsonNode>(ct)));
    }

    /// <summary>A cheap reachability probe: Keystone answers its version document.</summary>
    public async Task ProbeAsync(CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, AuthUrl);
        using var response = await SendAsync(request, ct);
        await EnsureSuccessAsync(response, "reading its version document", ct);
    }

    private async Task<ServiceToken> AuthenticateAsync(CancellationToken ct)
    {
        var o = options.CurrentValue;
        var problems = o.Problems().ToList();
        if (problems.Count > 0) throw new CloudException("Keystone credentials are not usable: " + string.Join("; ", problems));

        using var request = new HttpRequestMessage(HttpMethod.Post, AuthUrl + "/auth/tokens")
        {
            Content = Http.JsonBody.Create(KeystoneAuthRequest.Build(o)),
        };
        using var response = await SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var why = RemoteErrors.BodyMessage(await response.Content.ReadAsStringAsync(ct));
            throw new CloudException($"Keystone ({AuthUrl}) refused Watcher's credentials (Watcher:ClientsAuth): {why}");
        }
        await EnsureSuccessAsync(response, "authenticating Watcher's service user", ct);
        var value = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.First()
            : throw new CloudException($"Keystone ({AuthUrl}) answered without an X-Subject-Token header");
        var body = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
        var info = KeystoneTokenParser.Parse(body);
        var catalog = KeystoneCatalog.Parse(body?["token"]?["catalog"] as JsonArray);

        var now = time.GetUtcNow();
        var lifetime = info.ExpiresAt - now;
        var margin = TimeSpan.FromSeconds(Math.Min(o.TokenRenewalMargin, Math.Max(0, lifetime.TotalSeconds / 2)));
        LogAuthenticated(info.UserName, info.ProjectName ?? info.ProjectId ?? "", info.ExpiresAt, catalog.Endpoints.Count);
        return new ServiceToken(value, info, catalog, info.ExpiresAt - margin);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
        }
        catch (Exception e) when (RemoteErrors.IsTransport(e) && !ct.IsCancellationRequested)
        {
            throw new CloudUnavailableException($"Keystone ({AuthUrl}) is unreachable: {RemoteErrors.Describe(e)}", e);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string doing, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var why = RemoteErrors.BodyMessage(await response.Content.ReadAsStringAsync(ct));
        var message = $"Keystone ({AuthUrl}) answered {(int)response.StatusCode} while {doing}: {why}";
        throw (int)response.StatusCode >= 500 ? new CloudUnavailableException(message) : new CloudException(message);
    }

    internal static string NormaliseAuthUrl(string? authUrl)
    {
        var url = (authUrl ?? "").TrimEnd('/');
        return url.EndsWith("/v3", StringComparison.Ordinal) ? url : url + "/v3";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keystone: authenticated as {User} in project {Project}, token valid until {ExpiresAt:u}, {EndpointCount} catalog endpoints")]
    private partial void LogAuthenticated(string user, string project, DateTimeOffset expiresAt, int endpointCount);
}
