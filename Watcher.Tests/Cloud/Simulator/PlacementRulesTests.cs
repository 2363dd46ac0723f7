using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator.Scheduling;

namespace Watcher.Tests.Cloud.Simulator;

/// <summary>The scheduler's availability-zone and server-group filters, on sim_placement_rules.json.</summary>
public sealed class PlacementRulesTests
{
    public const string Web1 = "6e000000-0000-4000-8000-000000000001";   // host-1, pinned to az-1, anti-affinity with web-2
    public const string Web2 = "6e000000-0000-4000-8000-000000000002";   // host-2
    public const string Db1 = "6e000000-0000-4000-8000-000000000003";    // host-3, affinity with db-2
    public const string Free1 = "6e000000-0000-4000-8000-000000000005";  // host-2, no rule
    public const string Web3 = "6e000000-0000-4000-8000-000000000006";   // host-4, anti-affinity

    private static SimulatorFixture Sim() => new(scenario: "sim_placement_rules.json");

    private static async Task<string?> HostAfterMigration(SimulatorFixture sim, string server, string? destination)
    {
        await sim.Cloud.LiveMigrateAsync(server, destination);
        sim.Time.Advance(2);
        return (await sim.Cloud.GetServerAsync(server))!.Host;
    }

    [Fact]
    public async Task AServerBootedIntoAZone_IsRefusedAHostOfAnotherZone()
    {
        var sim = Sim();

        var error = await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.LiveMigrateAsync(Web1, "host-4"));

        Assert.Equal("No valid host was found. Host host-4 was rejected by AvailabilityZoneFilter.", error.Message);
    }

    [Fact]
    public async Task AServerWithoutAZone_MayCrossZones()
    {
        Assert.Equal("host-4", await HostAfterMigration(Sim(), Free1, "host-4"));
    }

    [Fact]
    public async Task AntiAffinity_RefusesTheHostOfAnotherMember_AndTheSchedulerAvoidsIt()
    {
        var sim = Sim();

        var error = await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.LiveMigrateAsync(Web2, "host-1"));
        Assert.Contains("ServerGroupAntiAffinityFilter", error.Message);

        // web-1 may only stay in az-1, whose other host holds web-2: nowhere to go.
        await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.LiveMigrateAsync(Web1, null));
        // web-2 has no zone: host-1 (web-1) and host-4 (web-3) are out, host-3 is left.
        Assert.Equal("host-3", await HostAfterMigration(sim, Web2, null));
    }

    [Fact]
    public async Task AntiAffinity_CountsAMemberStillMigratingTowardsAHost()
    {
        var sim = Sim();
        await sim.Cloud.LiveMigrateAsync(Web2, "host-3");   // in flight

        var error = await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.LiveMigrateAsync(Web3, "host-3"));

        Assert.Contains("ServerGroupAntiAffinityFilter", error.Message);
    }

    [Fact]
    public async Task Affinity_RefusesToMoveOneMemberAwayFromTheOthers()
    {
        var sim = Sim();

        var error = await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.LiveMigrateAsync(Db1, "host-4"));
        Assert.Contains("ServerGroupAffinityFilter", error.Message);
        await Assert.ThrowsAsync<NoValidHostException>(() => sim.Cloud.LiveMigrateAsync(Db1, null));
    }

    [Fact]
    public async Task AMigrationFromAHostWhoseServiceIsDown_IsRefused()
    {
        var sim = new SimulatorFixture(o => o.NodePowerSeconds = 1);
        await sim.Cloud.SetNodePowerAsync("host-b", on: false);
        sim.Time.Advance(1);

        var error = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.ColdMigrateAsync(SimulatorFixture.Vm4, "host-a"));

        Assert.Equal("Compute service of host-b is unavailable at this time.", error.Message);
    }
}
