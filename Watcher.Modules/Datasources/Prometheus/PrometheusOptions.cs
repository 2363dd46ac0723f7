namespace Watcher.Modules.Datasources.Prometheus;

/// <summary>
/// Section <c>Watcher:Prometheus</c> (upstream <c>[prometheus_client]</c>): the server, optional basic auth and
/// TLS, the labels that name hosts and instances in the series, and how patient each query is.
/// </summary>
public sealed class PrometheusOptions
{
    public const string Section = "Watcher:Prometheus";

    public string? Host { get; set; }
    public int Port { get; set; } = 9090;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>A CA bundle (PEM) to trust; setting it (or a client certificate) makes Watcher use https.</summary>
    public string? CaFile { get; set; }
    public string? CertFile { get; set; }
    public string? KeyFile { get; set; }
    /// <summary>Label holding a host's FQDN on node-exporter series and scrape targets.</summary>
    public string FqdnLabel { get; set; } = "fqdn";
    /// <summary>Label holding an instance's UUID on Ceilometer series.</summary>
    public string InstanceUuidLabel { get; set; } = "resource";
    public double Timeout { get; set; } = 30;
    public int HttpRetries { get; set; } = 3;
    public double HttpRetryInterval { get; set; } = 1.0;

    public bool UsesTls => !string.IsNullOrEmpty(CaFile) || !string.IsNullOrEmpty(CertFile);
    public string BaseUrl => $"{(UsesTls ? "https" : "http")}://{Host}:{Port}";
}
