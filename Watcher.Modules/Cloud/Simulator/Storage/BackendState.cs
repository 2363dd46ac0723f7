namespace Watcher.Modules.Cloud.Simulator.Storage;

/// <summary>
/// What Cinder's scheduler knows about one candidate pool (its "backend state"): the pool's reported capacity and
/// capabilities, plus the zone of the backend's cinder-volume service. Capacities in GB.
/// </summary>
public sealed record BackendState
{
    /// <summary><c>host@backend#pool</c>, Cinder's backend_id for a pool.</summary>
    public required string Name { get; init; }
    public string AvailabilityZone { get; init; } = "nova";
    public double TotalCapacityGb { get; init; }
    public double FreeCapacityGb { get; init; }
    public double ProvisionedCapacityGb { get; init; }
    public double ReservedPercentage { get; init; }
    public double MaxOverSubscriptionRatio { get; init; } = 1.0;
    public bool ThinProvisioningSupport { get; init; }
    public bool ThickProvisioningSupport { get; init; } = true;
    public string VolumeBackendName { get; init; } = "";

    /// <summary>Free space once the reserved percentage is set aside (Cinder floors the reserved part).</summary>
    public double FreeAfterReserve => FreeCapacityGb - Math.Floor(TotalCapacityGb * ReservedPercentage / 100);

    /// <summary>Cinder's calculate_virtual_free_capacity, for a request that may use thin provisioning.</summary>
    public double VirtualFree(bool thinRequested) =>
        thinRequested && ThinProvisioningSupport
            ? TotalCapacityGb * MaxOverSubscriptionRatio - ProvisionedCapacityGb - Math.Floor(TotalCapacityGb * ReservedPercentage / 100)
            : FreeAfterReserve;
}

/// <summary>
/// A placement request: the volume's size, its type's extra specs (volume_backend_name, provisioning:type), the
/// zone asked for, and the pools already tried (Cinder's filter_properties.retry).
/// </summary>
public sealed record VolumeRequest(
    int SizeGb,
    IReadOnlyDictionary<string, string>? ExtraSpecs = null,
    string? AvailabilityZone = null,
    IReadOnlySet<string>? TriedBackends = null)
{
    /// <summary>Thin unless the type asks for thick (Cinder's CapacityFilter default).</summary>
    public bool Thin => ExtraSpecs?.GetValueOrDefault("provisioning:type") != "thick";
}

/// <summary>A Cinder scheduler filter.</summary>
public interface IBackendFilter
{
    /// <summary>Cinder's class name, for NoValidBackend explanations.</summary>
    string Name { get; }

    bool Passes(BackendState backend, VolumeRequest request);
}

/// <summary>Cinder's NoValidBackend: no pool passed every filter.</summary>
public sealed class NoValidBackendException(string reason) : CloudException($"No valid backend was found. {reason}")
{
    public const string NoWeighedBackends = "No weighed backends available";
}
