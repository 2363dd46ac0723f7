using Watcher.Modules.Cloud;
using static Watcher.Tests.Cloud.Simulator.SimulatorFixture;

namespace Watcher.Tests.Cloud.Simulator;

public sealed class NodePowerTests
{
    [Fact]
    public async Task PowerOff_TakesItsTime_ThenTheServiceIsDown_AndItsServersAreOff()
    {
        var sim = new SimulatorFixture(o => o.NodePowerSeconds = 5);

        await sim.Cloud.SetNodePowerAsync("5a000000-0000-4000-8000-00000000000b", on: false);   // host-b by hypervisor uuid
        var during = await sim.Cloud.GetNodePowerAsync("host-b");
        sim.Time.Advance(5);
        var after = await sim.Cloud.GetNodePowerAsync("host-b");

        Assert.Equal(new NodePower("5a000000-0000-4000-8000-00000000000b", "host-b", "on", "host-b", 2, "off"), during);
        Assert.Equal("off", after!.PowerState);
        Assert.Equal("down", (await sim.Cloud.ListComputeServicesAsync()).Single(s => s.Host == "host-b").State);
        Assert.Equal("SHUTOFF", (await sim.Cloud.GetServerAsync(Vm4))!.Status);
        Assert.Equal("PAUSED", (await sim.Cloud.GetServerAsync(Vm3))!.Status);   // only running servers are cut
    }

    [Fact]
    public async Task PowerOn_BringsTheServiceBackUp_AndAChangeInProgressLocksTheNode()
    {
        var sim = new SimulatorFixture();
        await sim.Cloud.SetNodePowerAsync("host-d", on: false);
        sim.Time.Advance(2);

        await sim.Cloud.SetNodePowerAsync("host-d", on: true);
        var locked = await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.SetNodePowerAsync("host-d", on: false));
        sim.Time.Advance(2);

        Assert.Equal("Node host-d is locked: a change to power on is in progress.", locked.Message);
        Assert.Equal("on", (await sim.Cloud.GetNodePowerAsync("host-d"))!.PowerState);
        Assert.Equal("up", (await sim.Cloud.ListComputeServicesAsync()).Single(s => s.Host == "host-d").State);
    }

    [Fact]
    public async Task UnknownNodes_AreNullOrRefused()
    {
        var sim = new SimulatorFixture();

        Assert.Null(await sim.Cloud.GetNodePowerAsync("nope"));
        await Assert.ThrowsAsync<CloudException>(() => sim.Cloud.SetNodePowerAsync("nope", on: true));
    }
}
