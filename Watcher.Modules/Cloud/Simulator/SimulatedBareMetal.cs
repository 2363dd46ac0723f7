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
/// second change meanwhile is refused as Ironic refuses it (the node is locked). With a state file their power
/// and changes in flight are kept there (ADR 52); a machine's is kept with its host's.
/// </summary>
public sealed class SimulatedBareMetal : IBareMetalCloud, IDisposable
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
    private readonly SimulatedServiceState _state;
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
        INodePower? machines = null, string? stateFile = null)
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
        IsDeployed = _nodes.Count > 0;
        _logger.BareMetalSeeded(_nodes.Count);
        _state = new SimulatedServiceState("ironic", SimulatorStateFile.FullPath(stateFile), _logger);
        _state.Initialise(Snapshot(), System.Text.Json.JsonSerializer.Serialize(
            _nodes.Select(n => new { n.Uuid, n.Name, Extra = n.Extra.ToJsonString() }), Json), Apply);
    }

    public void Dispose() => _state.Dispose();

    private sealed record NodeSnapshot(string PowerState, string? Target, DateTimeOffset? EndsAt, bool WillFail);

    private string Snapshot() => System.Text.Json.JsonSerializer.Serialize(_nodes.ToDictionary(n => n.Uuid,
        n => new NodeSnapshot(n.PowerState, n.Change?.Target, n.Change?.EndsAt, n.Change?.WillFail ?? false)), Json);

    private void Apply(string state)
    {
        var nodes = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, NodeSnapshot>>(state, Json)!;
        foreach (var node in _nodes)
        {
            if (!nodes.TryGetValue(node.Uuid, out var n)) continue;
            node.PowerState = n.PowerState;
            node.Change = n.Target is { } target && n.EndsAt is { } endsAt ? (target, endsAt, n.WillFail) : null;
        }
    }

    /// <summary>A scenario without Ironic nodes is a cloud without a bare-metal service.</summary>
    public bool IsDeployed { get; }

    /// <summary>A node backing a simulated host is that host's machine: its nova-compute goes down with it.</summary>
    public bool ComputeServiceRunsOnNode => _machines is not null;

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
        await UnderLock(ct, write: true, body: () =>
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

    private Task<T> UnderLock<T>(CancellationToken ct, Func<T> body) => UnderLock(ct, false, body);

    /// <summary>Under the lock, settled; a write (<paramref name="write"/>) is kept in the state file with what it changed.</summary>
    private Task<T> UnderLock<T>(CancellationToken ct, bool write, Func<T> body)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (write) return Task.FromResult(_state.Write(() => SettledThen(body), Snapshot, Apply));
            _state.TakeUp(Snapshot, Apply);
            return Task.FromResult(SettledThen(body));
        }
    }

    /// <summary>Completes the power changes that are due, then runs <paramref name="body"/>.</summary>
    private T SettledThen<T>(Func<T> body)
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
        return body();
    }
}
