namespace Watcher.Modules.Cloud.Simulator.Storage;

/// <summary>
/// Cinder's CapacityFilter. The reserved percentage of the pool is set aside first (floored). A thin request on a
/// pool supporting thin provisioning (with max_over_subscription_ratio ≥ 1) passes when provisioned + size stays
/// within total × ratio and the over-subscribable free space (free × ratio) holds the size; a thin-capable pool
/// with a ratio below 1 is rejected; anything else needs the plain free space.
/// </summary>
public sealed class CapacityFilter : IBackendFilter
{
    public string Name => "CapacityFilter";

    public bool Passes(BackendState backend, VolumeRequest request)
    {
        if (backend.TotalCapacityGb <= 0) return false;
        var free = backend.FreeAfterReserve;
        var size = request.SizeGb;
        if (request.Thin && backend.ThinProvisioningSupport)
        {
            if (backend.MaxOverSubscriptionRatio < 1) return false;
            var provisionedRatio = (backend.ProvisionedCapacityGb + size) / backend.TotalCapacityGb;
            if (provisionedRatio > backend.MaxOverSubscriptionRatio) return false;
            return free * backend.MaxOverSubscriptionRatio >= size;
        }
        return free >= size;
    }
}

/// <summary>Cinder's CapabilitiesFilter, reduced to what volume types use here: volume_backend_name must match.</summary>
public sealed class CapabilitiesFilter : IBackendFilter
{
    public string Name => "CapabilitiesFilter";

    public bool Passes(BackendState backend, VolumeRequest request) =>
        request.ExtraSpecs?.GetValueOrDefault("volume_backend_name") is not { } wanted || wanted == backend.VolumeBackendName;
}

/// <summary>Cinder's AvailabilityZoneFilter: the backend's zone must be the one asked for, if any.</summary>
public sealed class AvailabilityZoneFilter : IBackendFilter
{
    public string Name => "AvailabilityZoneFilter";

    public bool Passes(BackendState backend, VolumeRequest request) =>
        request.AvailabilityZone is null || request.AvailabilityZone == backend.AvailabilityZone;
}

/// <summary>Cinder's RetryFilter: a pool already tried for this request (a failed attempt, or the source) is skipped.</summary>
public sealed class RetryFilter : IBackendFilter
{
    public string Name => "RetryFilter";

    public bool Passes(BackendState backend, VolumeRequest request) =>
        request.TriedBackends is null || !request.TriedBackends.Contains(backend.Name);
}
