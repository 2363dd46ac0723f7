namespace Watcher.Modules.Cloud;

/// <summary>
/// Power control of the machines behind compute hosts (what change_node_power_state drives; reference §9.8). Upstream
/// talks to Ironic or MAAS; the embedded simulator powers its compute hosts. Like Nova's calls, a change returns once
/// accepted and callers poll <see cref="GetNodePowerAsync"/> until the power state is the one asked for.
/// </summary>
public interface INodePower
{
    /// <summary>The node, by its id (bare-metal node UUID; the simulator also takes the hypervisor UUID or host name), or null.</summary>
    Task<NodePower?> GetNodePowerAsync(string nodeId, CancellationToken ct = default);

    /// <summary>Asks for power on (true) or off. Throws <see cref="CloudException"/> when refused.</summary>
    Task SetNodePowerAsync(string nodeId, bool on, CancellationToken ct = default);
}

/// <summary>
/// A machine's power as the bare-metal service reports it: "on", "off", or another word while it changes
/// (Ironic's "power on"/"rebooting" are mapped to on, "power off"/"soft power off" to off). The hypervisor it
/// backs, with how many servers that hypervisor runs (upstream refuses to power off a host running any), and the
/// power state a change in progress is heading to (Ironic's target_power_state; null when none).
/// </summary>
public sealed record NodePower(string Id, string Name, string PowerState, string? HypervisorHostname, int RunningVms, string? TargetPowerState = null);
