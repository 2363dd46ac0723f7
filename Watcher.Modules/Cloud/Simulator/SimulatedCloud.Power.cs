using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// The machines behind the compute hosts, as a bare-metal service shows them: powering one off takes
/// NodePowerSeconds, then its nova-compute service is down and the servers left on it are off (SHUTOFF);
/// powering it on brings the service back up (its servers stay off, as after a real power cut).
/// </summary>
public sealed partial class SimulatedCloud : INodePower
{
    public Task<NodePower?> GetNodePowerAsync(string nodeId, CancellationToken ct = default) =>
        Read(ct, () => FindHost(nodeId) is { } h
            ? new NodePower(h.Hypervisor.Uuid, h.Hostname, h.PowerState, h.Hostname, _servers.Count(s => s.Host == h.Hostname), h.PowerChange?.Target)
            : null);

    public Task SetNodePowerAsync(string nodeId, bool on, CancellationToken ct = default) =>
        Mutate(ct, () =>
        {
            var host = FindHost(nodeId) ?? throw new CloudException($"Node {nodeId} could not be found.");
            var target = on ? "on" : "off";
            if (host.PowerChange is { } change)
                throw new CloudException($"Node {nodeId} is locked: a change to power {change.Target} is in progress.");
            if (host.PowerState == target) return false;
            host.PowerChange = new SimPowerChange(target, _time.GetUtcNow().AddSeconds(_options.NodePowerSeconds));
            _logger.PowerChangeStarted(host.Hostname, target);
            return true;
        });

    private void SettlePower(DateTimeOffset now)
    {
        foreach (var host in _hosts)
        {
            if (host.PowerChange is not { } change || change.EndsAt > now) continue;
            host.PowerChange = null;
            host.PowerState = change.Target;
            host.Hypervisor = host.Hypervisor with { ServiceState = change.Target == "on" ? NodeState.Up : NodeState.Down };
            if (change.Target == "off")
            {
                foreach (var server in _servers.Where(s => s.Host == host.Hostname && s.VmState == InstanceState.Active))
                {
                    server.VmState = InstanceState.Stopped;
                    server.Status = NovaStatus.Shutoff;
                }
            }
            _logger.PowerChanged(host.Hostname, change.Target);
        }
    }
}
