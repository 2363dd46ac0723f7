using Microsoft.Extensions.Options;

namespace Watcher.Modules.Cloud;

/// <summary>Section <c>Watcher:Cloud</c>: which cloud Watcher talks to.</summary>
public sealed class CloudOptions
{
    public const string Section = "Watcher:Cloud";
    public const string SimulatorBackend = "simulator";

    /// <summary>Only "simulator" exists today; the OpenStack backend (Keystone, Nova, Placement) comes later.</summary>
    public string Backend { get; set; } = SimulatorBackend;

    public static string UnsupportedBackendMessage(string backend) =>
        $"Watcher:Cloud:Backend '{backend}' is not supported: only the embedded 'simulator' backend exists today " +
        "(the OpenStack backend comes later).";
}

/// <summary>Rejects every backend but the simulator at start-up, naming the configured value.</summary>
public sealed class CloudOptionsValidator : IValidateOptions<CloudOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudOptions options) =>
        options.Backend == CloudOptions.SimulatorBackend
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(CloudOptions.UnsupportedBackendMessage(options.Backend));
}
