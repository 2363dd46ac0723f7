using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator.Scheduling;
using static Watcher.Tests.Cloud.Simulator.SimulatorFixture;

namespace Watcher.Tests.Cloud.Simulator;

public class LiveMigrationTests
{
    [Fact]
    public async Task LiveMigrate_MovesTheServerOnlyOnceTheSimulatedTimeHasPassed()
    {
        var sim = new SimulatorFixture();

        await sim.Cloud.LiveMigrateAsync(Vm1, "host-b");
        var during = await sim.Cloud.GetServerAsync(Vm1);
        sim.Time.Advance(1.9);
        var almost = await sim.Cloud.GetServerAsync(Vm1);
        sim.Time.Advance(0.1);
        var after = await sim.Cloud.GetServerAsync(Vm1);

        Assert.Equal(("MIGRATING", "migrating", "host-a"), (during!.Status, during.TaskState, during.Host));
        Assert.Equal(("MIGRATING", "host-a"), (almost!.Status, almost.Host));
        Assert.Equal(("ACTIVE", null, "host-b", "active"), (after!.Status, after.TaskState, after.Host, after.VmState));
    }

    [Fact]
    public async Task LiveMigrate_TakesTheConfiguredNumberOfSeconds()
    {
        var sim = new SimulatorFixture(o => o.LiveMigrationSeconds = 30);

        await sim.Cloud.LiveMigrateAsync(Vm1, "host-b");
        sim.Time.Advance(29);
        Assert.Equal("host-a", (await sim.Cloud.GetServerAsync(Vm1))!.Host);
        sim.Time.Advance(1);
        Assert.Equal("host-b", (await sim.Cloud.GetServerAsync(Vm1))!.Host);
    }

    [Fact]
    public async Task LiveMigrate_WithoutDestination_TheSchedulerPicksTheOnlyHostThatFits()
    {
        var sim = new SimulatorFixture();

        await sim.Cloud.LiveMigrateAsync(Vm1, null);
        sim.Time.Advance(2);

        // host-c is disabled, host-d is down, host-e is too small: host-b is the only candidate.
        Assert.Equal("host-b", (await sim.Cloud.GetServerAsync(Vm1))!.Host);
    }

    [Fact]
    public async Task LiveMigrate_WithoutDestination_WhenNoHostFits_ThrowsNoValidHost()
    {
        var sim = new SimulatorFixture();
        await sim.Cloud.SetComputeServiceStatusAsync("host-b", enabled: false, "maintenance");

        var error = await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.LiveMigrateAsync(Vm1, null));

        Assert.Equal("No valid host was found. There are not enough hosts available.", error.Message);
        Assert.Equal(("ACTIVE", "host-a"), ((await sim.Cloud.GetServerAsync(Vm1))!.Status, (await sim.Cloud.GetServerAsync(Vm1))!.Host));
    }

    [Theory]
    [InlineData(Vm2, "stopped")]
    [InlineData(Vm3, "paused")]
    public async Task LiveMigrate_RefusesServersThatAreNotActive(string serverId, string vmState)
    {
        var sim = new SimulatorFixture();

        var error = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.LiveMigrateAsync(serverId, "host-c"));

        Assert.Equal($"Cannot 'os-migrateLive' instance {serverId} while it is in vm_state {vmState}", error.Message);
    }

    [Fact]
    public async Task LiveMigrate_RefusesAServerAlreadyMigrating()
    {
        var sim = new SimulatorFixture();
        await sim.Cloud.LiveMigrateAsync(Vm1, "host-b");

        await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.LiveMigrateAsync(Vm1, "host-b"));
    }

    [Theory]
    [InlineData("host-c", "Host host-c was rejected by ComputeFilter.")]   // disabled
    [InlineData("host-d", "Host host-d was rejected by ComputeFilter.")]   // down
    [InlineData("host-e", "Host host-e was rejected by RamFilter.")]       // too small
    public async Task LiveMigrate_RefusesDestinationsTheSchedulerFiltersOut(string destination, string reason)
    {
        var sim = new SimulatorFixture();

        var error = await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.LiveMigrateAsync(Vm1, destination));

        Assert.Equal($"No valid host was found. {reason}", error.Message);
        Assert.Equal("ACTIVE", (await sim.Cloud.GetServerAsync(Vm1))!.Status);
    }

    [Fact]
    public async Task LiveMigrate_RefusesUnknownDestinationsAndTheCurrentHost()
    {
        var sim = new SimulatorFixture();

        var unknown = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.LiveMigrateAsync(Vm1, "nowhere"));
        var self = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.LiveMigrateAsync(Vm1, "host-a"));

        Assert.Equal("Compute host nowhere could not be found.", unknown.Message);
        Assert.Equal($"Unable to migrate instance ({Vm1}) to current host (host-a).", self.Message);
    }

    [Fact]
    public async Task LiveMigrate_OfAnUnknownServer_Throws()
    {
        var sim = new SimulatorFixture();

        var error = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.LiveMigrateAsync("missing", "host-b"));

        Assert.Equal("Instance missing could not be found.", error.Message);
    }

    [Fact]
    public async Task LiveMigrate_InFlightMigrationsClaimTheirDestination()
    {
        // host-e (2 vCPU, 2048 MB, 20 GB) fits vm-4 (2 vCPU, 2048 MB) or vm-2 (1 vCPU, 2048 MB), not both.
        var sim = new SimulatorFixture();
        await sim.Cloud.LiveMigrateAsync(Vm4, "host-e");

        var error = await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.ColdMigrateAsync(Vm2, "host-e"));

        Assert.Equal("No valid host was found. Host host-e was rejected by RamFilter.", error.Message);
    }

    [Fact]
    public async Task LiveMigrate_OfAServerListedInFailMigrationsOf_LeavesItActiveOnItsSource()
    {
        var sim = new SimulatorFixture(o => o.FailMigrationsOf = ["vm-1"]);

        await sim.Cloud.LiveMigrateAsync(Vm1, "host-b");
        sim.Time.Advance(2);
        var server = await sim.Cloud.GetServerAsync(Vm1);

        Assert.Equal(("ACTIVE", null, "host-a"), (server!.Status, server.TaskState, server.Host));
    }

    [Fact]
    public async Task AbortLiveMigration_KeepsTheServerOnItsSource()
    {
        var sim = new SimulatorFixture();
        await sim.Cloud.LiveMigrateAsync(Vm1, "host-b");
        sim.Time.Advance(1);

        await sim.Cloud.AbortLiveMigrationAsync(Vm1);
        sim.Time.Advance(5);
        var server = await sim.Cloud.GetServerAsync(Vm1);

        Assert.Equal(("ACTIVE", null, "host-a"), (server!.Status, server.TaskState, server.Host));
    }

    [Fact]
    public async Task AbortLiveMigration_WithNothingInFlight_ChangesNothing()
    {
        var sim = new SimulatorFixture();

        await sim.Cloud.AbortLiveMigrationAsync(Vm1);

        Assert.Equal(("ACTIVE", "host-a"), ((await sim.Cloud.GetServerAsync(Vm1))!.Status, (await sim.Cloud.GetServerAsync(Vm1))!.Host));
    }
}
