using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator.Scheduling;
using static Watcher.Tests.Cloud.Simulator.SimulatorFixture;

namespace Watcher.Tests.Cloud.Simulator;

public sealed class ResizeTests
{
    [Fact]
    public async Task Flavors_AreTheStandardOnes_TheScenarioOnes_AndEachServersOwn()
    {
        var sim = new SimulatorFixture(scenario: "sim_placement_rules.json");

        var flavors = await sim.Cloud.ListFlavorsAsync();

        Assert.Contains(new Flavor("10", "big", 6, 8192, 40), flavors);
        Assert.Contains(new Flavor("2", "m1.small", 1, 2048, 20), flavors);
        Assert.Contains(flavors, f => f.Name == "sim.2vcpu.2048mb.20gb");
    }

    [Fact]
    public async Task Resize_MovesTheServerToVerifyResizeWithTheNewFlavor_AndConfirmEndsIt()
    {
        var sim = new SimulatorFixture(o => o.ResizeSeconds = 3);

        await sim.Cloud.ResizeAsync(Vm1, "m1.medium");
        var during = await sim.Cloud.GetServerAsync(Vm1);
        sim.Time.Advance(3);
        var done = await sim.Cloud.GetServerAsync(Vm1);
        await sim.Cloud.ConfirmResizeAsync(Vm1);
        var confirmed = await sim.Cloud.GetServerAsync(Vm1);

        Assert.Equal(("RESIZE", "resize_migrating", "host-a"), (during!.Status, during.TaskState, during.Host));
        // Not on the same host (Nova's default), and the only other usable host is host-b.
        Assert.Equal(("VERIFY_RESIZE", "resized", "host-b", "m1.medium", 2, 4096, 40),
            (done!.Status, done.VmState, done.Host, done.FlavorName, done.Vcpus, done.MemoryMb, done.DiskGb));
        Assert.Equal("host-a", done.MigrationPeerHost);   // the source still holds the old flavor until confirmed
        Assert.Equal(("ACTIVE", "active", null), (confirmed!.Status, confirmed.VmState, confirmed.MigrationPeerHost));
    }

    [Fact]
    public async Task Resize_ToTheSameHost_WhenAllowed()
    {
        var sim = new SimulatorFixture(o => o.AllowResizeToSameHost = true);
        await sim.Cloud.SetComputeServiceStatusAsync("host-b", enabled: false, null);

        await sim.Cloud.ResizeAsync(Vm1, "m1.small");
        sim.Time.Advance(4);

        Assert.Equal(("VERIFY_RESIZE", "host-a"), ((await sim.Cloud.GetServerAsync(Vm1))!.Status, (await sim.Cloud.GetServerAsync(Vm1))!.Host));
    }

    [Fact]
    public async Task Resize_IsRefused_ForAnUnknownFlavor_TheCurrentFlavor_OrAFlavorNoHostCanHold()
    {
        var sim = new SimulatorFixture();
        var current = (await sim.Cloud.GetServerAsync(Vm1))!.FlavorName;

        Assert.Equal("Flavor nope could not be found.", (await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.ResizeAsync(Vm1, "nope"))).Message);
        Assert.Equal("When resizing, instances must change flavor!",
            (await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.ResizeAsync(Vm1, current))).Message);
        await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.ResizeAsync(Vm1, "m1.xlarge"));   // 8 vCPU + host-b's 3
        Assert.Equal("ACTIVE", (await sim.Cloud.GetServerAsync(Vm1))!.Status);
    }

    [Fact]
    public async Task Resize_ClaimsTheNewFlavorOnItsDestination_WhileInFlight()
    {
        var sim = new SimulatorFixture();
        await sim.Cloud.ResizeAsync(Vm1, "m1.large");   // 4 vCPU, 8 GB, 80 GB to host-b (3 vCPU, 3 GB, 20 GB used)

        // host-b now holds 100 of its 100 GB: vm-2's 10 GB do not fit, though vm-1 is not there yet.
        var error = await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.ColdMigrateAsync(Vm2, "host-b"));
        Assert.Equal("No valid host was found. Host host-b was rejected by DiskFilter.", error.Message);
    }
}
