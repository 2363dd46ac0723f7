namespace Watcher.Modules.Cloud.OpenStack.Contracts;

/// <summary>
/// What every OpenStack service section (<c>Watcher:Nova</c>, <c>Watcher:Placement</c>, <c>Watcher:Gnocchi</c>, ...)
/// may set, as upstream's keystoneauth adapter options do: where the service is (catalog or an explicit URL),
/// and how patient Watcher is with it. Unset interface/region fall back to <c>Watcher:ClientsAuth</c>.
/// </summary>
public class ServiceClientOptions
{
    /// <summary>Explicit base URL (upstream <c>endpoint_override</c>); when empty the Keystone catalog is used.</summary>
    public string? EndpointOverride { get; set; }

    /// <summary>Catalog interface: public, internal or admin (upstream <c>valid_interfaces</c> / <c>endpoint_type</c>).</summary>
    public string? Interface { get; set; }

    /// <summary>Catalog region (upstream <c>region_name</c>).</summary>
    public string? RegionName { get; set; }

    /// <summary>Seconds one HTTP attempt may take before it counts as failed.</summary>
    public double Timeout { get; set; } = 60;

    /// <summary>Retries after a failed attempt (upstream <c>http_retries</c>, 3). Writes are retried only when the request never reached the service.</summary>
    public int HttpRetries { get; set; } = 3;

    /// <summary>Seconds before the first retry; each further retry waits twice as long (upstream <c>http_retry_interval</c>, 2.0).</summary>
    public double HttpRetryInterval { get; set; } = 2.0;

    public virtual IEnumerable<string> Problems(string section)
    {
        if (Timeout <= 0) yield return $"{section}:Timeout must be > 0";
        if (HttpRetries < 0) yield return $"{section}:HttpRetries must be >= 0";
        if (HttpRetryInterval < 0) yield return $"{section}:HttpRetryInterval must be >= 0";
        if (!string.IsNullOrEmpty(EndpointOverride) && !Uri.TryCreate(EndpointOverride, UriKind.Absolute, out _))
            yield return $"{section}:EndpointOverride '{EndpointOverride}' is not an absolute URL";
        if (Interface is not (null or "" or "public" or "internal" or "admin"))
            yield return $"{section}:Interface must be public, internal or admin (got '{Interface}')";
    }
}
