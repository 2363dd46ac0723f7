using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Cloud.Simulator.Storage;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// The embedded Cinder: storage backends, pools, volume types and volumes held in memory, answering every call
/// Watcher makes as Cinder would. Migrations and retypes take simulated time; like <see cref="SimulatedCloud"/>,
/// every call first settles the operations whose end (read from the injected clock) has passed. One lock guards
/// all state; callers get immutable snapshots. With a state file, where each volume is and what runs on it are
/// kept there (ADR 52), so a restart finds the volumes as they were.
/// </summary>
public sealed partial class SimulatedBlockStorage : IBlockStorageCloud, IDisposable
{
    private static readonly System.Text.Json.JsonSerializerOptions Json =
        new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly SimulatedServiceState _state;
    private readonly Lock _gate = new();
    private readonly List<SimStorageNode> _nodes = [];
    private readonly List<SimPool> _pools = [];
    private readonly List<SimVolume> _volumes = [];
    private readonly List<Watcher.Modules.Cloud.VolumeType> _types = [];
    private readonly StorageSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly VolumeScheduler _scheduler;

    public SimulatedBlockStorage(Scenario scenario, StorageSimulatorOptions options, TimeProvider time, ILogger<SimulatedBlockStorage>? logger = null,
        string? stateFile = null)
    {
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<SimulatedBlockStorage>.Instance;
        _scheduler = new VolumeScheduler(options.Scheduler);
        Seed(scenario.Storage);
        _logger.StorageSeeded(scenario.Name, _pools.Count, _volumes.Count);
        _state = new SimulatedServiceState("cinder", SimulatorStateFile.FullPath(stateFile), _logger);
        _state.Initialise(Snapshot(), System.Text.Json.JsonSerializer.Serialize(new
        {
            Volumes = _volumes.Select(v => new { v.Id, v.Name, v.Size, v.ProjectId, v.Attachments }),
            Pools = _pools.Select(p => new { p.Name, p.TotalCapacityGb, p.OtherUsedGb, p.OtherProvisionedGb, p.ReservedPercentage, p.MaxOverSubscriptionRatio }),
            Types = _types.Select(t => t.Name),
        }, Json), Apply);
    }

    public void Dispose() => _state.Dispose();

    public Task<IReadOnlyList<StorageService>> ListStorageServicesAsync(CancellationToken ct = default) =>
        UnderLock(ct, () => (IReadOnlyList<StorageService>)_nodes.Select(n => new StorageService(n.Host, n.Zone, n.Status, n.State)).ToList());

    public Task<IReadOnlyList<StoragePool>> ListPoolsAsync(CancellationToken ct = default) =>
        UnderLock(ct, () => (IReadOnlyList<StoragePool>)_pools.Select(Report).ToList());

    public Task<IReadOnlyList<CloudVolume>> ListVolumesAsync(CancellationToken ct = default) =>
        UnderLock(ct, () => (IReadOnlyList<CloudVolume>)_volumes.Select(v => v.ToVolume()).ToList());

    public Task<CloudVolume?> GetVolumeAsync(string volumeId, CancellationToken ct = default) =>
        UnderLock(ct, () => _volumes.FirstOrDefault(v => v.Id == volumeId)?.ToVolume());

    public Task<IReadOnlyList<Watcher.Modules.Cloud.VolumeType>> ListVolumeTypesAsync(CancellationToken ct = default) =>
        UnderLock(ct, () => (IReadOnlyList<Watcher.Modules.Cloud.VolumeType>)_types.ToList());

    /// <summary>The pool as scheduler-stats reports it, volumes in flight towards it counted.</summary>
    private StoragePool Report(SimPool pool)
    {
        var allocated = AllocatedOn(pool);
        return new StoragePool
        {
            Name = pool.Name,
            TotalCapacityGb = pool.TotalCapacityGb,
            FreeCapacityGb = pool.TotalCapacityGb - pool.OtherUsedGb - allocated,
            ProvisionedCapacityGb = pool.OtherProvisionedGb + allocated,
            AllocatedCapacityGb = allocated,
            TotalVolumes = _volumes.Count(v => v.Host == pool.Name),
            ReservedPercentage = pool.ReservedPercentage,
            MaxOverSubscriptionRatio = pool.MaxOverSubscriptionRatio,
            ThinProvisioningSupport = pool.ThinProvisioningSupport,
            ThickProvisioningSupport = pool.ThickProvisioningSupport,
            VolumeBackendName = pool.VolumeBackendName,
            PoolName = pool.PoolName,
        };
    }

    /// <summary>Sizes of the volumes on the pool, plus those migrating to it (Cinder creates the copy up front).</summary>
    private double AllocatedOn(SimPool pool) =>
        _volumes.Where(v => v.Host == pool.Name || (v.Operation is { Moves: true } op && op.Destination == pool.Name)).Sum(v => (double)v.Size);

    private BackendState StateOf(SimPool pool)
    {
        var report = Report(pool);
        return new BackendState
        {
            Name = pool.Name, AvailabilityZone = pool.Node.Zone,
            TotalCapacityGb = report.TotalCapacityGb, FreeCapacityGb = report.FreeCapacityGb,
            ProvisionedCapacityGb = report.ProvisionedCapacityGb, ReservedPercentage = pool.ReservedPercentage,
            MaxOverSubscriptionRatio = pool.MaxOverSubscriptionRatio, ThinProvisioningSupport = pool.ThinProvisioningSupport,
            ThickProvisioningSupport = pool.ThickProvisioningSupport, VolumeBackendName = pool.VolumeBackendName,
        };
    }

    /// <summary>Pools the scheduler may use: their cinder-volume service is enabled and up (Cinder's host manager).</summary>
    private IEnumerable<BackendState> Candidates() =>
        _pools.Where(p => p.Node is { Status: "enabled", State: "up" }).Select(StateOf);

    private VolumeRequest RequestFor(SimVolume volume, string? typeName, IReadOnlySet<string>? tried = null) =>
        new(volume.Size, FindType(typeName)?.ExtraSpecs, null, tried);

    private Watcher.Modules.Cloud.VolumeType? FindType(string? nameOrId) =>
        nameOrId is null ? null : _types.FirstOrDefault(t => t.Name == nameOrId) ?? _types.FirstOrDefault(t => t.Id == nameOrId);

    private SimVolume RequireVolume(string volumeId) =>
        _volumes.FirstOrDefault(v => v.Id == volumeId)
        ?? throw new CloudException($"Volume {volumeId} could not be found.") { StatusCode = 404 };

    private Task<T> UnderLock<T>(CancellationToken ct, Func<T> body)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _state.TakeUp(Snapshot, Apply);
            Settle();
            return Task.FromResult(body());
        }
    }

    /// <summary>A change: written to the state file with what it changed, or not at all.</summary>
    private Task<T> Mutate<T>(CancellationToken ct, Func<T> body)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_state.Write(() =>
            {
                Settle();
                return body();
            }, Snapshot, Apply));
        }
    }

    /// <summary>What changes on a volume: where it is, its status and type, and the operation in flight.</summary>
    private sealed record VolumeSnapshot(
        string Status, string? MigrationStatus, string? Host, string? VolumeType, string? AvailabilityZone, SimVolumeOperation? Operation);

    private string Snapshot() => System.Text.Json.JsonSerializer.Serialize(
        _volumes.ToDictionary(v => v.Id, v => new VolumeSnapshot(v.Status, v.MigrationStatus, v.Host, v.VolumeType, v.AvailabilityZone, v.Operation)), Json);

    private void Apply(string state)
    {
        var volumes = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, VolumeSnapshot>>(state, Json)!;
        foreach (var volume in _volumes)
        {
            if (!volumes.TryGetValue(volume.Id, out var v)) continue;
            (volume.Status, volume.MigrationStatus, volume.Host, volume.VolumeType, volume.AvailabilityZone, volume.Operation) =
                (v.Status, v.MigrationStatus, v.Host, v.VolumeType, v.AvailabilityZone, v.Operation);
        }
    }

    private void Seed(StorageModel storage)
    {
        foreach (var t in storage.VolumeTypes) _types.Add(new Watcher.Modules.Cloud.VolumeType(t.Id, t.Name, t.ExtraSpecs));
        foreach (var n in storage.Nodes) _nodes.Add(new SimStorageNode { Host = n.Host, Zone = n.Zone, Status = n.Status, State = n.State });
        foreach (var p in storage.Pools)
        {
            var volumesSize = storage.VolumesOf(p).Sum(v => (double)v.Size);
            _pools.Add(new SimPool
            {
                Name = p.Name, Node = _nodes.First(n => n.Host == p.NodeHost),
                TotalCapacityGb = p.TotalCapacityGb, ReservedPercentage = p.ReservedPercentage,
                MaxOverSubscriptionRatio = p.MaxOverSubscriptionRatio, ThinProvisioningSupport = p.ThinProvisioningSupport,
                ThickProvisioningSupport = p.ThickProvisioningSupport, VolumeBackendName = p.VolumeBackendName, PoolName = p.PoolName,
                OtherUsedGb = Math.Max(0, p.TotalCapacityGb - p.FreeCapacityGb - volumesSize),
                OtherProvisionedGb = Math.Max(0, p.ProvisionedCapacityGb - volumesSize),
            });
        }
        foreach (var v in storage.Volumes)
        {
            var volume = new SimVolume
            {
                Id = v.Uuid, Name = v.Name, Size = v.Size, Status = v.Status, MigrationStatus = v.MigrationStatus,
                Host = v.Host, VolumeType = v.VolumeType, Bootable = v.Bootable, Multiattach = v.Multiattach,
                ProjectId = v.ProjectId, SnapshotId = v.SnapshotId, HasSnapshots = v.HasSnapshots, CreatedAt = v.CreatedAt,
                Attachments = v.Attachments.Select(a => new VolumeAttachment(a.ServerId, a.AttachmentId)).ToList(),
                Metadata = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(v.Metadata.ToJsonString())!,
            };
            // A volume the scenario leaves unplaced is placed as Cinder places a new one: through the scheduler.
            volume.Host ??= _scheduler.Select(Candidates(), RequestFor(volume, volume.VolumeType)).Name;
            volume.AvailabilityZone = _pools.First(p => p.Name == volume.Host).Node.Zone;
            _volumes.Add(volume);
        }
    }
}
