using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.Cloud.Simulator.Storage;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Support;

namespace Watcher.Tests.Applier;

/// <summary>
/// change_node_power_state on Ironic nodes (Scenarios/sim_storage.json: bm-a backs host-a, which runs two servers;
/// bm-b backs empty host-b), through <see cref="IronicNodePower"/> as the openstack backend wires it, and as the
/// simulator wires it (an Ironic node is its compute host's machine).
/// </summary>
public sealed class IronicNodePowerTests
{
    private const string BmA = "b0000000-0000-4000-8000-00000000000a";
    private const string BmB = "b0000000-0000-4000-8000-00000000000b";
    private readonly Scenario _scenario = Scenario.Load(TestPaths.TestScenario("sim_storage.json"));
    private readonly StorageSimulatorOptions _options = new() { BareMetalPowerSeconds = 0.05 };

    private static ChangeNodePowerStateAction Action(INodePower nodes) =>
        new(nodes, Options.Create(new ActionPollingOptions { NodePowerInterval = 0.01, NodePowerMaxRetries = 500 }),
            NullLogger<ChangeNodePowerStateAction>.Instance);

    private static ActionContext Context(IComputeCloud compute, string node, string state) =>
        new(Guid.NewGuid().ToString(), new JsonObject { ["resource_id"] = node, ["state"] = state }, compute, TimeProvider.System);

    [Fact]
    public async Task AsOnOpenStack_ANodeWhoseHypervisorRunsServers_IsNotPoweredOff_AnEmptyOneIs()
    {
        var compute = new SimulatedCloud(_scenario, new SimulatorOptions(), TimeProvider.System);
        var ironic = new SimulatedBareMetal(_scenario, _options, TimeProvider.System);   // no link to the hosts: a plain Ironic
        var nodes = new IronicNodePower(ironic, compute);

        var a = (await nodes.GetNodePowerAsync(BmA))!;
        Assert.Equal(("on", "host-a", 2), (a.PowerState, a.HypervisorHostname, a.RunningVms));
        Assert.False(await Action(nodes).ExecuteAsync(Context(compute, BmA, "off")));
        Assert.Equal(IronicPower.On, (await ironic.GetNodeAsync(BmA))!.PowerState);

        Assert.Equal("off", (await nodes.GetNodePowerAsync(BmB))!.PowerState);
        Assert.True(await Action(nodes).ExecuteAsync(Context(compute, BmB, "on")));
        Assert.Equal(IronicPower.On, (await ironic.GetNodeAsync(BmB))!.PowerState);
        Assert.True(await Action(nodes).RevertAsync(Context(compute, BmB, "on")));
        Assert.Equal(IronicPower.Off, (await ironic.GetNodeAsync(BmB))!.PowerState);
        Assert.Null(await nodes.GetNodePowerAsync("b0000000-0000-4000-8000-0000000000ff"));
    }

    [Fact]
    public async Task InTheSimulator_AnIronicNodeIsItsHostsMachine_PoweringItOffTakesTheHostDown()
    {
        var compute = new SimulatedCloud(_scenario, new SimulatorOptions { NodePowerSeconds = 0.05 }, TimeProvider.System);
        var ironic = new SimulatedBareMetal(_scenario, _options, TimeProvider.System, machines: compute);
        var nodes = new IronicNodePower(ironic, compute, fallback: compute);

        // The file says bm-b is off, but it backs host-b, which is up: the machine's state wins.
        Assert.Equal(IronicPower.On, (await ironic.GetNodeAsync(BmB))!.PowerState);
        Assert.True(await Action(nodes).ExecuteAsync(Context(compute, BmB, "off")));
        Assert.Equal(IronicPower.Off, (await ironic.GetNodeAsync(BmB))!.PowerState);
        Assert.Equal("down", (await compute.ListComputeServicesAsync()).Single(s => s.Host == "host-b").State);

        // Hosts are still reachable by hostname (the simulator's own machines).
        Assert.Equal("on", (await nodes.GetNodePowerAsync("host-a"))!.PowerState);
    }
}
