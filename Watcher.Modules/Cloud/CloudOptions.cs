using Microsoft.Extensions.Options;

namespace Watcher.Modules.Cloud;

/// <summary>Section <c>Watcher:Cloud</c>: which cloud Watcher talks to.</summary>
public sealed class CloudOptions
{
    public const string Section = "Watcher:Cloud";
    public const string SimulatorBackend = "simulator";
    public const string OpenStackBackend = "openstack";
    public static readonly IReadOnlyList<string> Backends = [SimulatorBackend, OpenStackBackend];

    /// <summary>"simulator" (the embedded cloud, default) or "openstack" (Keystone, Nova, Placement: Watcher:ClientsAuth etc.).</summary>
    public string Backend { get; set; } = SimulatorBackend;

    public bool IsOpenStack => Backend == OpenStackBackend;

    public static string UnsupportedBackendMessage(string backend) =>
        $"Watcher:Cloud:Backend '{backend}' is not supported: use 'simulator' (the embedded cloud) or 'openstack'.";
}

/// <summary>Rejects an unknown backend at start-up, naming the configured value.</summary>
public sealed class CloudOptionsValidator : IValidateOptions<CloudOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudOptions options) =>
        CloudOptions.Backends.Contains(options.Backend)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(CloudOptions.UnsupportedBackendMessage(options.Backend));
}
