using Watcher.Modules.Cloud;
using static Watcher.Tests.Cloud.Simulator.SimulatorFixture;

namespace Watcher.Tests.Cloud.Simulator;

public class ColdMigrationAndPowerTests
{
    [Fact]
    public async Task ColdMigrate_EndsInVerifyResizeOnTheNewHost_AndConfirmRestoresActive()
    {
        var sim = new SimulatorFixture();

        await sim.Cloud.ColdMigrateAsync(Vm1, "host-b");
        var during = await sim.Cloud.GetServerAsync(Vm1);
        sim.Time.Advance(sim.Options.ColdMigrationSeconds);
        var migrated = await sim.Cloud.GetServerAsync(Vm1);
        await sim.Cloud.ConfirmResizeAsync(Vm1);
        var confirmed = await sim.Cloud.GetServerAsync(Vm1);

        Assert.Equal(("RESIZE", "host-a"), (during!.Status, during.Host));
        Assert.Equal(("VERIFY_RESIZE", "resized", "host-b", null), (migrated!.Status, migrated.VmState, migrated.Host, migrated.TaskState));
        Assert.Equal(("ACTIVE", "active", "host-b"), (confirmed!.Status, confirmed.VmState, confirmed.Host));
    }

    [Fact]
    public async Task ColdMigrate_OfAStoppedServer_ConfirmReturnsItToShutoff()
    {
        var sim = new SimulatorFixture();

        await sim.Cloud.ColdMigrateAsync(Vm2, null);
        sim.Time.Advance(sim.Options.ColdMigrationSeconds);
        await sim.Cloud.ConfirmResizeAsync(Vm2);
        var server = await sim.Cloud.GetServerAsync(Vm2);

        Assert.Equal(("SHUTOFF", "stopped", "host-b"), (server!.Status, server.VmState, server.Host));
    }

    [Fact]
    public async Task ColdMigrate_OfAServerListedInFailMigrationsOf_EndsInErrorOnItsSource()
    {
        var sim = new SimulatorFixture(o => o.FailMigrationsOf = [Vm1]);

        await sim.Cloud.ColdMigrateAsync(Vm1, "host-b");
        sim.Time.Advance(sim.Options.ColdMigrationSeconds);
        var server = await sim.Cloud.GetServerAsync(Vm1);

        Assert.Equal(("ERROR", "error", null, "host-a"), (server!.Status, server.VmState, server.TaskState, server.Host));
    }

    [Fact]
    public async Task ConfirmResize_WithoutAPendingResize_IsRefused()
    {
        var sim = new SimulatorFixture();

        var error = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.ConfirmResizeAsync(Vm1));

        Assert.Equal($"Cannot 'confirmResize' instance {Vm1} while it is in vm_state active", error.Message);
    }

    [Fact]
    public async Task ColdMigrate_OfAPausedServer_IsRefused()
    {
        var sim = new SimulatorFixture();

        await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.ColdMigrateAsync(Vm3, "host-a"));
    }

    [Fact]
    public async Task StopAndStart_SwitchBetweenShutoffAndActive()
    {
        var sim = new SimulatorFixture();

        await sim.Cloud.StopServerAsync(Vm1);
        var stopped = await sim.Cloud.GetServerAsync(Vm1);
        await sim.Cloud.StartServerAsync(Vm1);
        var started = await sim.Cloud.GetServerAsync(Vm1);

        Assert.Equal(("SHUTOFF", "stopped"), (stopped!.Status, stopped.VmState));
        Assert.Equal(("ACTIVE", "active"), (started!.Status, started.VmState));
    }

    [Fact]
    public async Task Stop_OfAStoppedServer_AndStart_OfAnActiveOne_AreRefused()
    {
        var sim = new SimulatorFixture();

        var stop = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.StopServerAsync(Vm2));
        var start = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.StartServerAsync(Vm1));

        Assert.Equal($"Cannot 'stop' instance {Vm2} while it is in vm_state stopped", stop.Message);
        Assert.Equal($"Cannot 'start' instance {Vm1} while it is in vm_state active", start.Message);
    }
}
