using Watcher.Modules.Cloud.Simulator.Scheduling;

namespace Watcher.Modules.Cloud.Simulator.Storage;

/// <summary>Section <c>Watcher:Simulator:StorageScheduler</c>: Cinder's <c>capacity_weight_multiplier</c>.</summary>
public sealed class StorageSchedulerOptions
{
    public double CapacityWeightMultiplier { get; set; } = 1.0;
}

/// <summary>
/// Cinder's filter scheduler in miniature: drop pools failing any filter (availability zone, capacity,
/// capabilities, retry), weigh the rest with the capacity weigher (normalised, times the multiplier), highest wins;
/// ties go to the pool listed first. Nothing left: NoValidBackend.
/// </summary>
public sealed class VolumeScheduler(StorageSchedulerOptions options)
{
    public static readonly IReadOnlyList<IBackendFilter> Filters =
        [new AvailabilityZoneFilter(), new CapacityFilter(), new CapabilitiesFilter(), new RetryFilter()];

    private static readonly CapacityWeigher Weigher = new();

    /// <summary>The first filter rejecting the pool, or null when it passes them all.</summary>
    public static string? RejectedBy(BackendState backend, VolumeRequest request) =>
        Filters.FirstOrDefault(f => !f.Passes(backend, request))?.Name;

    /// <summary>Each passing pool with its weight, best first (stable for ties).</summary>
    public IReadOnlyList<(BackendState Backend, double Weight)> Weigh(IEnumerable<BackendState> candidates, VolumeRequest request)
    {
        var passing = candidates.Where(b => RejectedBy(b, request) is null).ToList();
        var normalised = FilterScheduler.Normalise(passing.Select(b => Weigher.RawWeight(b, request)).ToList());
        return passing.Select((b, i) => (b, options.CapacityWeightMultiplier * normalised[i]))
            .OrderByDescending(x => x.Item2).ToList();
    }

    /// <summary>The destination pool for a request, or <see cref="NoValidBackendException"/>.</summary>
    public BackendState Select(IEnumerable<BackendState> candidates, VolumeRequest request) =>
        Weigh(candidates, request) is { Count: > 0 } weighed
            ? weighed[0].Backend
            : throw new NoValidBackendException(NoValidBackendException.NoWeighedBackends);

    /// <summary>
    /// Cinder's host_passes_filters for migrate_volume_to_host: the named pool must pass every filter, else
    /// NoValidBackend naming the pool and the filter that refused it.
    /// </summary>
    public static void CheckDestination(string volumeId, BackendState backend, VolumeRequest request)
    {
        if (RejectedBy(backend, request) is { } filter)
            throw new NoValidBackendException($"Cannot place volume {volumeId} on {backend.Name}: rejected by {filter}.");
    }
}
