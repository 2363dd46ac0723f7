using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Cloud.Simulator.Storage;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// The embedded Ironic: the scenario's bare-metal nodes and their power. A node backing one of the simulated
/// compute hosts (<c>extra.compute_node_id</c>) is that host's machine: its power is the host's
/// (<see cref="SimulatedCloud"/>'s power, with its timing and effects on the nova-compute service), so one machine
/// has one power state. Other nodes keep their own: a change sets target_power_state at once and lands after
/// <see cref="StorageSimulatorOptions.BareMetalPowerSeconds"/> of simulated time (settled on the next call); a
/// second change meanwhile is refused as Ironic refuses it (the node is locked).
/// </summary>
public sealed class SimulatedBareMetal : IBareMetalCloud
{
    private sealed class SimNode
    {
        public required string Uuid { get; init; }
        public string? Name { get; init; }
        public string PowerState { get; set; } = IronicPower.On;
        public (string Target, DateTimeOffset EndsAt, bool WillFail)? Change { get; set; }
        public bool Maintenance { get; init; }
        public string? MaintenanceReason { get; init; }
        public JsonObject Extra { get; init; } = new();
    }

    private readonly Lock _gate = new();
    private readonly List<SimNode> _nodes = [];
    private readonly StorageSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly INodePower? _machines;

    public SimulatedBareMetal(Scenario scenario, StorageSimulatorOptions options, TimeProvider time, ILogger<SimulatedBareMetal>? logger = null,
        INodePower? machines = null)
    {
        _machines = machines;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<SimulatedBareMetal>.Instance;
        foreach (var n in scenario.Baremetal.Nodes)
            _nodes.Add(new SimNode
            {
                Uuid = n.Uuid, Name = n.Name, PowerState = n.PowerState ?? IronicPower.On, Maintenance = n.Maintenance,
                MaintenanceReason = n.MaintenanceReason, Extra = (JsonObject)JsonNode.Parse(n.Extra.ToJsonString())!,
            });
        _logger.BareMetalSeeded(_nodes.Count);
    }

    public async Task<IReadOnlyList<CloudBareMetalNode>> ListNodesAsync(CancellationToken ct = default)
    {
        var nodes = await UnderLock(ct, () => _nodes.Select(ToNode).ToList());
        var result = new List<CloudBareMetalNode>();
        foreach (var node in nodes) result.Add(await WithMachinePowerAsync(node, ct));
        return result;
    }

    public async Task<CloudBareMetalNode?> GetNodeAsync(string nodeId, CancellationToken ct = default) =>
        await UnderLock(ct, () => Find(nodeId) is { } n ? ToNode(n) : null) is { } node ? await WithMachinePowerAsync(node, ct) : null;

    public async Task SetPowerStateAsync(string nodeId, bool on, CancellationToken ct = default)
    {
        var node = await UnderLock(ct, () => Find(nodeId) is { } n ? ToNode(n) : null)
            ?? throw new CloudException($"Node {nodeId} could not be found.") { StatusCode = 404 };
        if (await MachineOfAsync(node, ct) is { } machine)
        {
            await _machines!.SetNodePowerAsync(machine.Id, on, ct);
            return;
        }
        await UnderLock(ct, () =>
        {
            var own = Find(nodeId)!;
            if (own.Change is { } change)
                throw new CloudException($"Node {own.Uuid} is locked: a change to {change.Target} is in progress.") { StatusCode = 409 };
            var target = on ? IronicPower.On : IronicPower.Off;
            var willFail = _options.FailPowerChangesOf.Contains(own.Uuid) || (own.Name is { } name && _options.FailPowerChangesOf.Contains(name));
            own.Change = (target, _time.GetUtcNow().AddSeconds(_options.BareMetalPowerSeconds), willFail);
            _logger.PowerChangeRequested(own.Uuid, target, _options.BareMetalPowerSeconds);
            return true;
        });
    }

    /// <summary>The simulated compute host this node backs, when there is one.</summary>
    private async Task<NodePower?> MachineOfAsync(CloudBareMetalNode node, CancellationToken ct) =>
        _machines is not null && node.ComputeNodeId is { } host ? await _machines.GetNodePowerAsync(host, ct) : null;

    private async Task<CloudBareMetalNode> WithMachinePowerAsync(CloudBareMetalNode node, CancellationToken ct) =>
        await MachineOfAsync(node, ct) is { } machine
            ? node with { PowerState = Ironic(machine.PowerState), TargetPowerState = machine.TargetPowerState is { } t ? Ironic(t) : null }
            : node;

    private static string Ironic(string power) => power switch { "on" => IronicPower.On, "off" => IronicPower.Off, _ => power };

    private SimNode? Find(string nodeId) => _nodes.FirstOrDefault(n => n.Uuid == nodeId) ?? _nodes.FirstOrDefault(n => n.Name == nodeId);

    private static CloudBareMetalNode ToNode(SimNode n) => new()
    {
        Uuid = n.Uuid, Name = n.Name, PowerState = n.PowerState, TargetPowerState = n.Change?.Target,
        Maintenance = n.Maintenance, MaintenanceReason = n.MaintenanceReason,
        Extra = (JsonObject)JsonNode.Parse(n.Extra.ToJsonString())!,
    };

    private Task<T> UnderLock<T>(CancellationToken ct, Func<T> body)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var node in _nodes)
            {
                if (node.Change is not { } change || change.EndsAt > now) continue;
                node.Change = null;
                // A failed change leaves the node as it was, as an Ironic power failure does (last_error set).
                if (!change.WillFail) node.PowerState = change.Target;
                _logger.NodePowerChanged(node.Uuid, node.PowerState);
            }
            return Task.FromResult(body());
        }
    }
}
