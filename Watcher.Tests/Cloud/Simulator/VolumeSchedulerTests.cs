using Watcher.Modules.Cloud.Simulator.Storage;

namespace Watcher.Tests.Cloud.Simulator;

/// <summary>The Cinder-like scheduler: each filter and the capacity weigher with Cinder's arithmetic.</summary>
public class VolumeSchedulerTests
{
    private static BackendState Pool(string name = "h@b#p", double total = 100, double free = 100, double provisioned = 0,
        double reserved = 0, bool thin = false, double ratio = 1.0, string backend = "b", string zone = "nova") => new()
    {
        Name = name, TotalCapacityGb = total, FreeCapacityGb = free, ProvisionedCapacityGb = provisioned,
        ReservedPercentage = reserved, ThinProvisioningSupport = thin, ThickProvisioningSupport = !thin,
        MaxOverSubscriptionRatio = ratio, VolumeBackendName = backend, AvailabilityZone = zone,
    };

    private static readonly Dictionary<string, string> Thick = new() { ["provisioning:type"] = "thick" };

    [Fact]
    public void CapacityFilter_Thick_SetsTheFlooredReservedPartAside()
    {
        // 10 % of 105 GB is 10.5, floored to 10: 50 − 10 = 40 GB usable.
        var pool = Pool(total: 105, free: 50, reserved: 10);
        Assert.True(new CapacityFilter().Passes(pool, new VolumeRequest(40)));
        Assert.False(new CapacityFilter().Passes(pool, new VolumeRequest(41)));
    }

    [Fact]
    public void CapacityFilter_Thin_RejectsWhenProvisioningWouldExceedTheOverSubscriptionRatio()
    {
        // total 100 × ratio 2 = 200 GB may be provisioned; 180 already are.
        var pool = Pool(total: 100, free: 90, provisioned: 180, thin: true, ratio: 2.0);
        Assert.True(new CapacityFilter().Passes(pool, new VolumeRequest(20)));
        Assert.False(new CapacityFilter().Passes(pool, new VolumeRequest(21)));
    }

    [Fact]
    public void CapacityFilter_Thin_NeedsAdjustedFreeVirtualSpace()
    {
        // Little physically free (10 GB) but over-subscribable ×3: 30 GB may be placed.
        var pool = Pool(total: 100, free: 10, provisioned: 50, thin: true, ratio: 3.0);
        Assert.True(new CapacityFilter().Passes(pool, new VolumeRequest(30)));
        Assert.False(new CapacityFilter().Passes(pool, new VolumeRequest(31)));
    }

    [Fact]
    public void CapacityFilter_ThinPoolWithRatioBelowOne_IsRejectedForThinRequests()
    {
        var pool = Pool(free: 100, thin: true, ratio: 0.5);
        Assert.False(new CapacityFilter().Passes(pool, new VolumeRequest(1)));
    }

    [Fact]
    public void CapacityFilter_ThickRequestOnThinPool_UsesPlainFreeSpace()
    {
        var pool = Pool(total: 100, free: 10, provisioned: 50, thin: true, ratio: 3.0);
        Assert.True(new CapacityFilter().Passes(pool, new VolumeRequest(10, Thick)));
        Assert.False(new CapacityFilter().Passes(pool, new VolumeRequest(11, Thick)));
    }

    [Fact]
    public void CapabilitiesFilter_MatchesTheTypesBackendName()
    {
        var specs = new Dictionary<string, string> { ["volume_backend_name"] = "lvm" };
        Assert.True(new CapabilitiesFilter().Passes(Pool(backend: "lvm"), new VolumeRequest(1, specs)));
        Assert.False(new CapabilitiesFilter().Passes(Pool(backend: "ceph"), new VolumeRequest(1, specs)));
        Assert.True(new CapabilitiesFilter().Passes(Pool(backend: "ceph"), new VolumeRequest(1)));
    }

    [Fact]
    public void RetryAndZoneFilters_SkipTriedPoolsAndOtherZones()
    {
        var tried = new HashSet<string> { "h@b#p" };
        Assert.False(new RetryFilter().Passes(Pool(), new VolumeRequest(1, TriedBackends: tried)));
        Assert.True(new RetryFilter().Passes(Pool(name: "h@b#q"), new VolumeRequest(1, TriedBackends: tried)));
        Assert.False(new AvailabilityZoneFilter().Passes(Pool(zone: "az2"), new VolumeRequest(1, AvailabilityZone: "az1")));
    }

    [Fact]
    public void CapacityWeigher_WeighsThinPoolsByVirtualFreeSpace()
    {
        var weigher = new CapacityWeigher();
        // Thin: 100 × 2 − 150 provisioned − floor(100 × 0.1) = 40; thick: 50 − 10 = 40 as well from free space.
        Assert.Equal(40, weigher.RawWeight(Pool(total: 100, free: 80, provisioned: 150, thin: true, ratio: 2.0, reserved: 10), new VolumeRequest(1)));
        Assert.Equal(40, weigher.RawWeight(Pool(total: 100, free: 50, reserved: 10), new VolumeRequest(1)));
        // A thick request on the thin pool is weighed by real free space: 80 − 10.
        Assert.Equal(70, weigher.RawWeight(Pool(total: 100, free: 80, provisioned: 150, thin: true, ratio: 2.0, reserved: 10), new VolumeRequest(1, Thick)));
    }

    [Fact]
    public void Scheduler_NormalisesWeightsAndAppliesTheMultiplier()
    {
        var pools = new[] { Pool("a@b#p", free: 20), Pool("b@b#p", free: 60), Pool("c@b#p", free: 100) };
        var spread = new VolumeScheduler(new StorageSchedulerOptions()).Weigh(pools, new VolumeRequest(10));
        Assert.Equal(["c@b#p", "b@b#p", "a@b#p"], spread.Select(w => w.Backend.Name));
        Assert.Equal([1.0, 0.5, 0.0], spread.Select(w => w.Weight));

        var stack = new VolumeScheduler(new StorageSchedulerOptions { CapacityWeightMultiplier = -2 }).Weigh(pools, new VolumeRequest(10));
        Assert.Equal("a@b#p", stack[0].Backend.Name);
        Assert.Equal(-2.0, stack[^1].Weight);
    }

    [Fact]
    public void Scheduler_NothingFits_NoValidBackend()
    {
        var scheduler = new VolumeScheduler(new StorageSchedulerOptions());
        var e = Assert.Throws<NoValidBackendException>(() => scheduler.Select([Pool(free: 5)], new VolumeRequest(10)));
        Assert.Contains("No valid backend was found", e.Message);
    }

    [Fact]
    public void CheckDestination_NamesThePoolAndTheFilter()
    {
        var e = Assert.Throws<NoValidBackendException>(() => VolumeScheduler.CheckDestination("v1", Pool(free: 5), new VolumeRequest(10)));
        Assert.Contains("Cannot place volume v1 on h@b#p: rejected by CapacityFilter", e.Message);
    }
}
