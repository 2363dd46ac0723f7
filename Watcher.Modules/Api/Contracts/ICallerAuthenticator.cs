using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Contracts;

/// <summary>
/// The API's authentication, for any HTTP surface of Watcher (the dashboard under /ui uses it too): turns a Keystone
/// token — or Keystone credentials, for a login form — into a <see cref="Caller"/>, and answers policy questions
/// with the same rules the API enforces.
/// </summary>
public interface ICallerAuthenticator
{
    /// <summary><c>none</c> or <c>keystone</c> (Watcher:Api:Auth).</summary>
    string Mode { get; }

    /// <summary>
    /// The caller a token belongs to; null when Keystone does not know it or it expired. With auth <c>none</c> any
    /// token (even none) is the admin caller. Throws <see cref="AuthUnavailableException"/> when Keystone cannot be asked.
    /// </summary>
    Task<Caller?> AuthenticateAsync(string? token, CancellationToken ct = default);

    /// <summary>
    /// Logs a user in with Keystone credentials (password method, project-scoped): the new token and its caller, or
    /// null when Keystone refuses them. With auth <c>none</c> there is nothing to log into: the admin caller, no token.
    /// </summary>
    Task<CallerLogin?> LoginAsync(LoginCredentials credentials, CancellationToken ct = default);

    /// <summary>Whether the policy rule (e.g. <c>audit:create</c>) allows this caller; the API answers 403 when not.</summary>
    bool Allows(Caller caller, string rule);
}

public sealed record LoginCredentials(string UserName, string Password, string ProjectName,
    string UserDomainName = "Default", string ProjectDomainName = "Default");

/// <summary>A successful login: the token to send as X-Auth-Token (null with auth none), who it is, and until when.</summary>
public sealed record CallerLogin(string? Token, Caller Caller, DateTimeOffset ExpiresAt);

/// <summary>Keystone could not be asked (unreachable, failing): the API answers 503.</summary>
public sealed class AuthUnavailableException(string message) : WatcherException(503, message);
