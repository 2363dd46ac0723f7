namespace Watcher.Modules.Cloud.OpenStack.Contracts;

/// <summary>What Keystone says about a token (GET /v3/auth/tokens): who, in which project, with which roles.</summary>
public sealed record KeystoneToken(
    string UserId,
    string UserName,
    string? UserDomainId,
    string? ProjectId,
    string? ProjectName,
    string? ProjectDomainId,
    IReadOnlyList<string> Roles,
    DateTimeOffset ExpiresAt)
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Validates a caller's token against Keystone with Watcher's own service token (keystonemiddleware's job
/// upstream). Ready for the API's <c>keystone</c> auth mode (issue 8). Null when Keystone does not know the
/// token or it has expired; <see cref="CloudUnavailableException"/> when Keystone cannot be asked.
/// </summary>
public interface IKeystoneTokenValidator
{
    Task<KeystoneToken?> ValidateAsync(string subjectToken, CancellationToken ct = default);
}

/// <summary>
/// Issues a token for a user's own Keystone credentials (password method, project-scoped): the login of Watcher's
/// dashboard. Null when Keystone refuses the credentials; <see cref="CloudUnavailableException"/> when it cannot be asked.
/// </summary>
public interface IKeystoneLogin
{
    Task<IssuedToken?> LoginAsync(string userName, string password, string projectName,
        string userDomainName, string projectDomainName, CancellationToken ct = default);
}

public sealed record IssuedToken(string Value, KeystoneToken Info);
