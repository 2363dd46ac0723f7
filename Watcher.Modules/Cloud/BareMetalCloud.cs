using System.Text.Json.Nodes;

namespace Watcher.Modules.Cloud;

/// <summary>
/// What Watcher needs from a bare-metal service (Ironic): its nodes and their power. A power change returns once
/// accepted; callers poll <see cref="GetNodeAsync"/> until <see cref="CloudBareMetalNode.TargetPowerState"/> clears.
/// </summary>
public interface IBareMetalCloud
{
    Task<IReadOnlyList<CloudBareMetalNode>> ListNodesAsync(CancellationToken ct = default);

    /// <summary>One node by uuid, or null.</summary>
    Task<CloudBareMetalNode?> GetNodeAsync(string nodeId, CancellationToken ct = default);

    /// <summary>PUT states/power with target "power on" (true) or "power off". Throws <see cref="CloudException"/> when refused.</summary>
    Task SetPowerStateAsync(string nodeId, bool on, CancellationToken ct = default);

    /// <summary>
    /// False when the cloud has no bare-metal service at all (a simulated cloud whose scenario has no Ironic
    /// nodes). A real Ironic missing from the catalog is only found out when it is asked, and fails then.
    /// </summary>
    bool IsDeployed => true;

    /// <summary>
    /// True when the nova-compute service of the hypervisor a node backs runs on that node, so powering the node
    /// off takes the service down (the simulator's hosts are their Ironic node's machine). With Ironic's virt
    /// driver nova-compute runs on a controller and stays up whatever the node's power.
    /// </summary>
    bool ComputeServiceRunsOnNode => false;
}

/// <summary>
/// An Ironic node. <see cref="PowerState"/> is Ironic's wording ("power on", "power off", "rebooting"...);
/// <see cref="Extra"/> carries <c>compute_node_id</c>, the uuid of the hypervisor the node backs.
/// </summary>
public sealed record CloudBareMetalNode
{
    public required string Uuid { get; init; }
    public string? Name { get; init; }
    public string? PowerState { get; init; }
    public string? TargetPowerState { get; init; }
    public string ProvisionState { get; init; } = "active";
    public bool Maintenance { get; init; }
    public string? MaintenanceReason { get; init; }
    public JsonObject Extra { get; init; } = new();

    public string? ComputeNodeId => Extra["compute_node_id"]?.GetValue<string>();
}

/// <summary>Ironic's power words and how upstream's action reads them (§9.8).</summary>
public static class IronicPower
{
    public const string On = "power on";
    public const string Off = "power off";

    /// <summary>"on", "off" or "unknown", as upstream maps Ironic's power states.</summary>
    public static string Simple(string? ironicState) => ironicState switch
    {
        "power on" or "rebooting" or "soft reboot" => "on",
        "power off" or "soft power off" => "off",
        _ => "unknown",
    };
}
