using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Watcher.Modules.Api.Contracts;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Api.Auth;

/// <summary><c>Watcher:Api:Auth=none</c>: every caller is an admin (the embedded default, on a loopback address).</summary>
public sealed class NoAuthentication(Policy policy) : ICallerAuthenticator
{
    public string Mode => AuthModes.None;

    public Task<Caller?> AuthenticateAsync(string? token, CancellationToken ct = default) => Task.FromResult<Caller?>(Caller.Admin);

    public Task<CallerLogin?> LoginAsync(LoginCredentials credentials, CancellationToken ct = default) =>
        Task.FromResult<CallerLogin?>(new CallerLogin(null, Caller.Admin, DateTimeOffset.MaxValue));

    public bool Allows(Caller caller, string rule) => policy.Allows(caller, rule);
}

/// <summary>
/// <c>Watcher:Api:Auth=keystone</c>: a token is asked about once (GET /v3/auth/tokens with Watcher's cached service
/// token, keystonemiddleware's job upstream) and the answer — who, which project, which roles, or "unknown" — is reused
/// for <see cref="ApiOptions.TokenCacheTime"/> seconds (never past the token's expiry), so a burst of requests costs one
/// Keystone call and a revoked token stops working within that time. Tokens are kept only as SHA-256 hashes.
/// </summary>
public sealed class KeystoneAuthentication(
    IKeystoneTokenValidator validator, IKeystoneLogin login, Policy policy, IOptions<ApiOptions> options, TimeProvider time)
    : ICallerAuthenticator, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public string Mode => AuthModes.Keystone;

    public async Task<Caller?> AuthenticateAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var key = Hash(token);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out Entry? cached) && cached!.Until > now) return cached.Caller;

        KeystoneToken? info;
        try
        {
            info = await validator.ValidateAsync(token, ct);
        }
        catch (CloudException e)
        {
            throw new AuthUnavailableException($"The token could not be validated: {e.Message}");
        }
        var caller = info is null || info.ExpiresAt <= now ? null : ToCaller(info);
        var until = now.AddSeconds(options.Value.TokenCacheTime);
        if (info is not null && info.ExpiresAt < until) until = info.ExpiresAt;
        if (until > now)
            _cache.Set(key, new Entry(caller, until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
        return caller;
    }

    public async Task<CallerLogin?> LoginAsync(LoginCredentials c, CancellationToken ct = default)
    {
        IssuedToken? issued;
        try
        {
            issued = await login.LoginAsync(c.UserName, c.Password, c.ProjectName, c.UserDomainName, c.ProjectDomainName, ct);
        }
        catch (CloudException e)
        {
            throw new AuthUnavailableException($"Keystone could not log the user in: {e.Message}");
        }
        return issued is null ? null : new CallerLogin(issued.Value, ToCaller(issued.Info), issued.Info.ExpiresAt);
    }

    public bool Allows(Caller caller, string rule) => policy.Allows(caller, rule);

    public void Dispose() => _cache.Dispose();

    private static Caller ToCaller(KeystoneToken t) =>
        new(t.UserId, t.UserName, t.ProjectId, t.ProjectName, t.UserDomainId, t.Roles);

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Entry(Caller? Caller, DateTimeOffset Until);
}
