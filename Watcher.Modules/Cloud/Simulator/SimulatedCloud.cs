using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.Simulator.Metrics;
using Watcher.Modules.Cloud.Simulator.Scheduling;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// The embedded cloud: hypervisors and servers held in memory, behaving like Nova for every call Watcher makes.
/// Migrations take simulated time. Rather than firing timers, every call first "settles" the migrations whose
/// end time (read from the injected <see cref="TimeProvider"/>) has passed, so a fake clock drives it fully and
/// no callback can race a caller. One lock guards all state; callers only ever get immutable snapshots.
/// </summary>
public sealed partial class SimulatedCloud : IComputeCloud, ISimulatedMetrics
{
    private readonly Lock _gate = new();
    private readonly List<SimHost> _hosts = [];
    private readonly List<SimServer> _servers = [];
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FilterScheduler _scheduler;
    private readonly LoadProfiles _profiles;

    public SimulatedCloud(Scenario scenario, SimulatorOptions options, TimeProvider time, ILogger<SimulatedCloud>? logger = null,
        ScenarioPlacementRules? rules = null, SimulatorStateFile? stateFile = null, string? unopenedStateFile = null)
    {
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<SimulatedCloud>.Instance;
        _scheduler = new FilterScheduler(options.Scheduler);
        _profiles = new LoadProfiles(options.Metrics, time.GetUtcNow());
        Seed(scenario);
        _logger.Seeded(scenario.Name, _hosts.Count, _servers.Count);
        ApplyPlacementRules(rules ?? ScenarioPlacementRules.None);
        _stateFile = stateFile;
        _unopenedStateFile = unopenedStateFile;
        if (_unopenedStateFile is null) RestoreOrInitialise();
    }

    /// <summary>
    /// Builds the cloud from <c>Watcher:Simulator:ScenarioFile</c>, or the demo cluster when it is empty, and takes up
    /// the state kept in <c>Watcher:Simulator:StateFile</c> (see <see cref="SimulatorStateFile"/>).
    /// </summary>
    public static SimulatedCloud FromOptions(IOptions<SimulatorOptions> options, TimeProvider time, ILogger<SimulatedCloud> logger)
    {
        var (stateFile, unopened) = OpenStateFile(options.Value.StateFile, logger);
        var file = options.Value.ScenarioFile;
        if (string.IsNullOrWhiteSpace(file))
            return new SimulatedCloud(DemoCluster.Build(), options.Value, time, logger, stateFile: stateFile, unopenedStateFile: unopened);
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
            throw new InvalidOperationException($"Watcher:Simulator:ScenarioFile '{file}' does not exist (looked at {path}).");
        var text = File.ReadAllText(path);
        return new SimulatedCloud(Scenario.Parse(text), options.Value, time, logger, ScenarioPlacementRules.Parse(text), stateFile, unopened);
    }

    public Task<IReadOnlyList<Hypervisor>> ListHypervisorsAsync(CancellationToken ct = default) =>
        Read(ct, () => (IReadOnlyList<Hypervisor>)_hosts.Select(h => h.Hypervisor).ToList());

    public Task<IReadOnlyList<Server>> ListServersAsync(CancellationToken ct = default) =>
        Read(ct, () => (IReadOnlyList<Server>)_servers.Select(s => s.ToServer()).ToList());

    public Task<Server?> GetServerAsync(string serverId, CancellationToken ct = default) =>
        Read(ct, () => FindServer(serverId)?.ToServer());

    public Task<IReadOnlyList<ComputeService>> ListComputeServicesAsync(CancellationToken ct = default) =>
        Read(ct, () => (IReadOnlyList<ComputeService>)_hosts.Select(h => ServiceOf(h.Hypervisor)).ToList());

    public Task<ComputeService> SetComputeServiceStatusAsync(string host, bool enabled, string? disabledReason, CancellationToken ct = default) =>
        Mutate(ct, () =>
        {
            var h = _hosts.FirstOrDefault(x => x.Hostname == host)
                ?? throw new CloudException($"Compute host {host} could not be found.");
            // Nova forgets the reason when a service is enabled again.
            h.Hypervisor = h.Hypervisor with
            {
                ServiceStatus = enabled ? NodeStatus.Enabled : NodeStatus.Disabled,
                DisabledReason = enabled ? null : disabledReason,
            };
            _logger.ServiceStatusChanged(host, h.Hypervisor.ServiceStatus, h.Hypervisor.DisabledReason);
            return ServiceOf(h.Hypervisor);
        });

    public Task StopServerAsync(string serverId, CancellationToken ct = default) =>
        Mutate(ct, () => ChangePower(serverId, "stop", [InstanceState.Active, InstanceState.Rescued, InstanceState.Error], InstanceState.Stopped));

    public Task StartServerAsync(string serverId, CancellationToken ct = default) =>
        Mutate(ct, () => ChangePower(serverId, "start", [InstanceState.Stopped], InstanceState.Active));

    private bool ChangePower(string serverId, string action, string[] allowedVmStates, string newVmState)
    {
        var server = RequireServer(serverId);
        if (server.TaskState is not null || !allowedVmStates.Contains(server.VmState)) throw Conflict(server, action);
        server.VmState = newVmState;
        server.Status = NovaStatus.FromVmState(newVmState);
        _logger.ServerStatusChanged(server.Id, server.Status);
        return true;
    }


    private SimServer? FindServer(string serverId) => _servers.FirstOrDefault(s => s.Id == serverId);

    private SimServer RequireServer(string serverId) =>
        FindServer(serverId) ?? throw new CloudException($"Instance {serverId} could not be found.");

    private SimHost? FindHost(string uuidOrHostname) =>
        _hosts.FirstOrDefault(h => h.Hostname == uuidOrHostname) ?? _hosts.FirstOrDefault(h => h.Hypervisor.Uuid == uuidOrHostname);

    /// <summary>Nova's 409 wording for an action refused in the server's current state.</summary>
    private static CloudException Conflict(SimServer server, string action) =>
        server.TaskState is { } task
            ? new CloudException($"Cannot '{action}' instance {server.Id} while it is in task_state {task}")
            : new CloudException($"Cannot '{action}' instance {server.Id} while it is in vm_state {server.VmState}");

    private static ComputeService ServiceOf(Hypervisor h) => new(h.Hostname, h.ServiceStatus, h.ServiceState, h.DisabledReason);
}
