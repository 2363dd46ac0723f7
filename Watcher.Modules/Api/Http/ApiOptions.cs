namespace Watcher.Modules.Api.Http;

/// <summary>[api], the API-visible bits of [DEFAULT] and the API's safety settings → Watcher:Api. Defaults are upstream's.</summary>
public sealed class ApiOptions
{
    public const string Section = "Watcher:Api";

    /// <summary>[api] max_limit: page size when no limit is given, and the cap of any limit.</summary>
    public int MaxLimit { get; set; } = 1000;

    /// <summary>[DEFAULT] service_down_time in seconds: a service not seen for longer is FAILED.</summary>
    public int ServiceDownTime { get; set; } = 90;

    /// <summary>
    /// <c>none</c> (the embedded default: every caller is an admin, only sensible on a loopback address) or
    /// <c>keystone</c> (X-Auth-Token validated by Keystone; roles and project from the token; policy enforced).
    /// </summary>
    public string Auth { get; set; } = AuthModes.None;

    /// <summary>With <c>Auth=none</c>, start even when bound to a non-loopback address (a warning is logged at every start).</summary>
    public bool AllowInsecureRemote { get; set; }

    /// <summary>[api] enable_webhooks_auth: webhooks need a token and pass the <c>webhook:trigger</c> rule; false makes them public.</summary>
    public bool EnableWebhooksAuth { get; set; } = true;

    /// <summary>Seconds a Keystone answer about a token is reused (keystonemiddleware's token_cache_time, kept short).</summary>
    public int TokenCacheTime { get; set; } = 60;

    /// <summary>Largest request body accepted, in bytes (larger: 413).</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Origins (scheme://host[:port]) whose web pages may call the API from a browser (CORS). Empty: no CORS, and a
    /// browser's cross-origin write is refused.
    /// </summary>
    public List<string> CorsAllowedOrigins { get; set; } = [];
}

public static class AuthModes
{
    public const string None = "none", Keystone = "keystone";
}
