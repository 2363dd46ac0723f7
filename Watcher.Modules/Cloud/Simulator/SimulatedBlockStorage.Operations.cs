using Watcher.Modules.Cloud.Simulator.Storage;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>Volume migration and retype: Cinder's admission checks, the scheduler, simulated time, completion.</summary>
public sealed partial class SimulatedBlockStorage
{
    public Task MigrateVolumeAsync(string volumeId, string? host, bool forceHostCopy = false, bool lockVolume = true, CancellationToken ct = default) =>
        Mutate(ct, () =>
        {
            var volume = RequireMovable(volumeId);
            var destination = host is null
                ? _scheduler.Select(Candidates(), RequestFor(volume, volume.VolumeType, new HashSet<string> { volume.Host! })).Name
                : CheckedDestination(volume, host);
            var previous = volume.Status;
            // Cinder locks an available volume in "maintenance" while it moves; an attached one stays in-use.
            if (lockVolume && volume.Status == "available") volume.Status = "maintenance";
            Begin(volume, VolumeOperationKind.Migrate, destination, null, _options.VolumeMigrationSeconds, previous);
            return true;
        });

    public Task RetypeVolumeAsync(string volumeId, string newType, string migrationPolicy = "on-demand", CancellationToken ct = default) =>
        Mutate(ct, () =>
        {
            var volume = RequireMovable(volumeId);
            var type = FindType(newType) ?? throw new CloudException($"Volume type {newType} could not be found.") { StatusCode = 404 };
            if (type.Name == volume.VolumeType)
                throw new CloudException($"Invalid volume: New volume type must be different from the current one ({type.Name}).") { StatusCode = 400 };

            var request = RequestFor(volume, type.Name);
            var here = StateOf(_pools.First(p => p.Name == volume.Host));
            // The current backend serves the new type: Cinder's driver retypes in place, nothing moves.
            var inPlace = new CapabilitiesFilter().Passes(here, request);
            string destination;
            if (inPlace) destination = here.Name;
            else if (migrationPolicy != "on-demand")
                throw new CloudException($"Retype of volume {volume.Id} to {type.Name} needs a migration, which migration_policy '{migrationPolicy}' forbids.") { StatusCode = 400 };
            else destination = _scheduler.Select(Candidates(), request with { TriedBackends = new HashSet<string> { here.Name } }).Name;

            var previous = volume.Status;
            volume.Status = "retyping";
            Begin(volume, VolumeOperationKind.Retype, destination, type.Name,
                inPlace ? _options.VolumeRetypeSeconds : _options.VolumeMigrationSeconds, previous);
            return true;
        });

    /// <summary>Cinder's checks before a volume may move or be retyped.</summary>
    private SimVolume RequireMovable(string volumeId)
    {
        var volume = RequireVolume(volumeId);
        if (volume.Operation is not null || volume.MigrationStatus is "migrating" or "starting")
            throw new CloudException($"Invalid volume: Volume {volume.Id} is already part of an active migration or retype.") { StatusCode = 400 };
        if (volume.Status is not ("available" or "in-use"))
            throw new CloudException($"Invalid volume: Volume {volume.Id} status must be available or in-use, but current status is: {volume.Status}.") { StatusCode = 400 };
        return volume;
    }

    /// <summary>migrate_volume_to_host: the pool must exist, differ from the source and pass the scheduler's filters.</summary>
    private string CheckedDestination(SimVolume volume, string host)
    {
        var pool = _pools.FirstOrDefault(p => p.Name == host)
            ?? throw new CloudException($"Invalid host: No available service named {host}") { StatusCode = 400 };
        if (pool.Name == volume.Host)
            throw new CloudException("Invalid host: Destination host must be different than the current host.") { StatusCode = 400 };
        if (pool.Node is not { Status: "enabled", State: "up" })
            throw new NoValidBackendException($"Cannot place volume {volume.Id} on {host}: its service is {pool.Node.Status}/{pool.Node.State}.");
        VolumeScheduler.CheckDestination(volume.Id, StateOf(pool), RequestFor(volume, volume.VolumeType));
        return pool.Name;
    }

    private void Begin(SimVolume volume, VolumeOperationKind kind, string destination, string? newType, double seconds, string previousStatus)
    {
        var willFail = _options.FailVolumeOperationsOf.Contains(volume.Id) || _options.FailVolumeOperationsOf.Contains(volume.Name);
        var operation = new SimVolumeOperation(kind, volume.Host!, destination, newType, _time.GetUtcNow().AddSeconds(seconds), willFail, previousStatus);
        volume.Operation = operation;
        if (operation.Moves) volume.MigrationStatus = "migrating";
        _logger.VolumeOperationStarted(kind.ToString(), volume.Id, operation.Source, destination, seconds);
    }

    /// <summary>Ends every operation whose simulated end has passed. Called under the lock.</summary>
    private void Settle()
    {
        var now = _time.GetUtcNow();
        foreach (var volume in _volumes)
        {
            if (volume.Operation is not { } op || op.EndsAt > now) continue;
            volume.Operation = null;
            volume.Status = op.PreviousStatus;
            if (op.WillFail)
            {
                // As Cinder: the volume stays where and what it was; a failed move says so in migration_status.
                if (op.Moves) volume.MigrationStatus = "error";
                _logger.VolumeOperationFailed(op.Kind.ToString(), volume.Id, op.Destination);
                continue;
            }
            volume.Host = op.Destination;
            volume.AvailabilityZone = _pools.First(p => p.Name == op.Destination).Node.Zone;
            if (op.NewType is not null) volume.VolumeType = op.NewType;
            if (op.Moves) volume.MigrationStatus = "success";
            _logger.VolumeOperationCompleted(op.Kind.ToString(), volume.Id, op.Destination);
        }
    }
}
