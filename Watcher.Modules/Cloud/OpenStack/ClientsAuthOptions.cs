namespace Watcher.Modules.Cloud.OpenStack;

/// <summary>
/// Section <c>Watcher:ClientsAuth</c> (upstream <c>[watcher_clients_auth]</c>): the credentials Watcher's own
/// service user authenticates with against Keystone v3, password or application credential, and the TLS and
/// catalog defaults every OpenStack client inherits.
/// </summary>
public sealed class ClientsAuthOptions
{
    public const string Section = "Watcher:ClientsAuth";

    /// <summary>Keystone URL, with or without the trailing <c>/v3</c>.</summary>
    public string? AuthUrl { get; set; }

    public string? Username { get; set; }
    public string? UserId { get; set; }
    public string? Password { get; set; }
    public string? ProjectName { get; set; }
    public string? ProjectId { get; set; }
    public string UserDomainName { get; set; } = "Default";
    public string? UserDomainId { get; set; }
    public string ProjectDomainName { get; set; } = "Default";
    public string? ProjectDomainId { get; set; }

    /// <summary>Application credential (already bound to a project): used instead of the password when set.</summary>
    public string? ApplicationCredentialId { get; set; }
    public string? ApplicationCredentialSecret { get; set; }

    /// <summary>Default catalog region and interface for every service (upstream <c>region_name</c>, <c>interface</c>).</summary>
    public string? RegionName { get; set; }
    public string Interface { get; set; } = "public";

    /// <summary>TLS: skip server certificate checks (test clouds only), a CA bundle to trust, a client certificate.</summary>
    public bool Insecure { get; set; }
    public string? CaFile { get; set; }
    public string? CertFile { get; set; }
    public string? KeyFile { get; set; }

    /// <summary>Seconds one Keystone request may take; retries as for the other services.</summary>
    public double Timeout { get; set; } = 30;
    public int HttpRetries { get; set; } = 3;
    public double HttpRetryInterval { get; set; } = 2.0;

    /// <summary>A token is renewed this many seconds before Keystone says it expires.</summary>
    public int TokenRenewalMargin { get; set; } = 300;

    public bool UsesApplicationCredential => !string.IsNullOrEmpty(ApplicationCredentialId);

    /// <summary>Everything wrong with the section, as sentences naming the keys (empty when usable).</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(AuthUrl) || !Uri.TryCreate(AuthUrl, UriKind.Absolute, out _))
            yield return $"{Section}:AuthUrl must be the Keystone URL (e.g. http://keystone:5000/v3)";
        if (Interface is not ("public" or "internal" or "admin"))
            yield return $"{Section}:Interface must be public, internal or admin (got '{Interface}')";
        if (Timeout <= 0) yield return $"{Section}:Timeout must be > 0";
        if (!string.IsNullOrEmpty(CaFile) && !File.Exists(CaFile)) yield return $"{Section}:CaFile '{CaFile}' does not exist";
        if (!string.IsNullOrEmpty(CertFile) && !File.Exists(CertFile)) yield return $"{Section}:CertFile '{CertFile}' does not exist";
        if (UsesApplicationCredential)
        {
            if (string.IsNullOrEmpty(ApplicationCredentialSecret))
                yield return $"{Section}:ApplicationCredentialSecret is required with ApplicationCredentialId";
            yield break;
        }
        if (string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(UserId))
            yield return $"{Section}:Username (or UserId), or ApplicationCredentialId, is required";
        if (string.IsNullOrEmpty(Password))
            yield return $"{Section}:Password is required for password authentication";
        if (string.IsNullOrEmpty(ProjectName) && string.IsNullOrEmpty(ProjectId))
            yield return $"{Section}:ProjectName (or ProjectId) is required: Watcher needs a project-scoped token";
    }
}
