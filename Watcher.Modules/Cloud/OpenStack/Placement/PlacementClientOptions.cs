using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Cloud.OpenStack.Placement;

/// <summary>Section <c>Watcher:Placement</c> (upstream <c>[placement]</c> / <c>[placement_client]</c>).</summary>
public sealed class PlacementClientOptions : ServiceClientOptions
{
    public const string Section = "Watcher:Placement";

    /// <summary>Placement microversion sent with every call (upstream default 1.29).</summary>
    public string ApiVersion { get; set; } = "1.29";
}
