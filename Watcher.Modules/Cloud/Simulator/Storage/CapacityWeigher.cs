namespace Watcher.Modules.Cloud.Simulator.Storage;

/// <summary>
/// Cinder's CapacityWeigher: the raw weight is the free space after the reserved part, or the virtual free space
/// (total × ratio − provisioned − reserved) for a thin request on a thin pool. The scheduler normalises raw
/// weights to [0, 1] across candidates and multiplies by capacity_weight_multiplier (1.0: spread; negative: stack).
/// </summary>
public sealed class CapacityWeigher
{
    public string Name => "CapacityWeigher";

    public double RawWeight(BackendState backend, VolumeRequest request) => backend.VirtualFree(request.Thin);
}
