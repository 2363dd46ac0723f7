using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator.Scheduling;

namespace Watcher.Tests.Cloud.Simulator;

public class FilterSchedulerTests
{
    private static HostState Host(string name, int vcpus = 8, int memoryMb = 16384, int diskGb = 100,
        int usedVcpus = 0, int usedMemory = 0, int usedDisk = 0, string status = "enabled", string state = "up",
        int vcpuReserved = 0, double vcpuRatio = 1.0, int memoryReserved = 0, double memoryRatio = 1.0,
        int diskReserved = 0, double diskRatio = 1.0) =>
        new(new Hypervisor
        {
            Uuid = name + "-uuid", Hostname = name, ServiceStatus = status, ServiceState = state,
            Vcpus = vcpus, VcpuReserved = vcpuReserved, VcpuAllocationRatio = vcpuRatio,
            MemoryMb = memoryMb, MemoryMbReserved = memoryReserved, MemoryAllocationRatio = memoryRatio,
            DiskGb = diskGb, DiskGbReserved = diskReserved, DiskAllocationRatio = diskRatio,
        }, usedVcpus, usedMemory, usedDisk);

    private static readonly ResourceRequest Small = new(2, 4096, 20);
    private static readonly ResourceRequest Tiny = new(1, 1024, 10);

    [Fact]
    public void RamFilter_RejectsHostWithoutEnoughFreeMemory()
    {
        Assert.Equal("RamFilter", FilterScheduler.RejectedBy(Host("h", usedMemory: 14000), Small));
        Assert.Null(FilterScheduler.RejectedBy(Host("h", usedMemory: 12288), Small));
    }

    [Fact]
    public void CoreFilter_RejectsHostWithoutEnoughFreeVcpus()
    {
        Assert.Equal("CoreFilter", FilterScheduler.RejectedBy(Host("h", usedVcpus: 7), Small));
        Assert.Null(FilterScheduler.RejectedBy(Host("h", usedVcpus: 6), Small));
    }

    [Fact]
    public void DiskFilter_RejectsHostWithoutEnoughFreeDisk()
    {
        Assert.Equal("DiskFilter", FilterScheduler.RejectedBy(Host("h", usedDisk: 81), Small));
        Assert.Null(FilterScheduler.RejectedBy(Host("h", usedDisk: 80), Small));
    }

    [Fact]
    public void ComputeFilter_RejectsDisabledOrDownServices()
    {
        Assert.Equal("ComputeFilter", FilterScheduler.RejectedBy(Host("h", status: "disabled"), Small));
        Assert.Equal("ComputeFilter", FilterScheduler.RejectedBy(Host("h", state: "down"), Small));
    }

    [Fact]
    public void Filters_HonourReservedAndAllocationRatios()
    {
        // (8 - 2) x 2.0 = 12 vCPUs, 10 used: 2 free.
        var cpu = Host("h", vcpus: 8, vcpuReserved: 2, vcpuRatio: 2.0, usedVcpus: 10);
        Assert.True(new CoreFilter().Passes(cpu, new ResourceRequest(2, 0, 0)));
        Assert.False(new CoreFilter().Passes(cpu, new ResourceRequest(3, 0, 0)));

        // (16384 - 4096) x 1.5 = 18432 MB, 16384 used: 2048 free.
        var ram = Host("h", memoryMb: 16384, memoryReserved: 4096, memoryRatio: 1.5, usedMemory: 16384);
        Assert.True(new RamFilter().Passes(ram, new ResourceRequest(0, 2048, 0)));
        Assert.False(new RamFilter().Passes(ram, new ResourceRequest(0, 2049, 0)));

        // (100 - 50) x 1.0 = 50 GB, 40 used: 10 free.
        var disk = Host("h", diskGb: 100, diskReserved: 50, usedDisk: 40);
        Assert.True(new DiskFilter().Passes(disk, new ResourceRequest(0, 0, 10)));
        Assert.False(new DiskFilter().Passes(disk, new ResourceRequest(0, 0, 11)));
    }

    // Free RAM 10000 / 6000 / 2000 normalises to 1 / 0.5 / 0; free vCPUs 2 / 8 / 5 to 0 / 1 / 0.5; disk is equal (0).
    private static readonly HostState[] Three =
    [
        Host("a", vcpus: 8, memoryMb: 10000, usedVcpus: 6),
        Host("b", vcpus: 8, memoryMb: 6000, usedVcpus: 0),
        Host("c", vcpus: 8, memoryMb: 2000, usedVcpus: 3),
    ];

    [Fact]
    public void Weigh_NormalisesEachWeigherAndSumsThem()
    {
        var ranked = new FilterScheduler(new SchedulerOptions()).Weigh(Three);

        Assert.Equal(["b", "a", "c"], ranked.Select(r => r.Host.Hostname));
        Assert.Equal([1.5, 1.0, 0.5], ranked.Select(r => r.Weight));
    }

    [Fact]
    public void Weigh_MultiplierFlipsTheWinner()
    {
        var byDefault = new FilterScheduler(new SchedulerOptions()).SelectHost(Three, Tiny);
        var ramHeavy = new FilterScheduler(new SchedulerOptions { RamWeightMultiplier = 3.0 }).SelectHost(Three, Tiny);

        Assert.Equal("b", byDefault.Hostname);
        Assert.Equal("a", ramHeavy.Hostname);   // a: 3 x 1 = 3, b: 3 x 0.5 + 1 = 2.5
    }

    [Fact]
    public void Weigh_NegativeMultiplierStacksOntoTheFullestHost()
    {
        var options = new SchedulerOptions { RamWeightMultiplier = -1.0, CpuWeightMultiplier = 0, DiskWeightMultiplier = 0 };

        Assert.Equal("c", new FilterScheduler(options).SelectHost(Three, Tiny).Hostname);
    }

    [Fact]
    public void Normalise_AllEqualValuesGiveZero()
    {
        Assert.Equal([0.0, 0.0], FilterScheduler.Normalise([5.0, 5.0]));
        Assert.Equal([0.0, 0.25, 1.0], FilterScheduler.Normalise([2.0, 3.0, 6.0]));
    }

    [Fact]
    public void SelectHost_OnTiesPicksTheFirstListedHost()
    {
        var scheduler = new FilterScheduler(new SchedulerOptions());

        Assert.Equal("x", scheduler.SelectHost([Host("x"), Host("y")], Small).Hostname);
        Assert.Equal("y", scheduler.SelectHost([Host("y"), Host("x")], Small).Hostname);
    }

    [Fact]
    public void SelectHost_SkipsFilteredHostsEvenWhenTheyWeighMore()
    {
        var scheduler = new FilterScheduler(new SchedulerOptions());
        var roomyButDisabled = Host("roomy", vcpus: 64, memoryMb: 262144, diskGb: 2000, status: "disabled");

        Assert.Equal("small", scheduler.SelectHost([roomyButDisabled, Host("small")], Small).Hostname);
    }

    [Fact]
    public void SelectHost_WhenNothingPasses_ThrowsNoValidHost()
    {
        var scheduler = new FilterScheduler(new SchedulerOptions());

        var error = Assert.Throws<NoValidHostException>(() =>
            scheduler.SelectHost([Host("full", usedVcpus: 8), Host("off", state: "down")], Small));

        Assert.IsAssignableFrom<CloudException>(error);
        Assert.Equal("No valid host was found. There are not enough hosts available.", error.Message);
    }
}
