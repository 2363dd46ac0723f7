using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.Cloud.Simulator.Storage;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Cloud.Simulator;
using Watcher.Tests.Support;

namespace Watcher.Tests.ClusterModel;

/// <summary>
/// The bare-metal inventory saving_energy reads: the Ironic nodes of the bare-metal model joined to the hypervisors
/// they back in the compute model (sim_storage.json: bm-a backs host-a with two servers, bm-b backs idle host-b; in
/// the simulator a node backing a host has that host's power).
/// </summary>
public class BareMetalNodesTests
{
    private readonly ManualTimeProvider _time = new();

    private (BareMetalNodesHandler Handler, SimulatedCloud Compute, ComputeModelStore ComputeStore, BaremetalModelStore BaremetalStore)
        Build(string scenarioFile)
    {
        var scenario = Scenario.Load(TestPaths.TestScenario(scenarioFile));
        var compute = new SimulatedCloud(scenario, new SimulatorOptions { NodePowerSeconds = 1 }, _time);
        var ironic = new SimulatedBareMetal(scenario, new StorageSimulatorOptions(), _time, machines: compute);
        var services = new ServiceCollection()
            .AddSingleton<IComputeCloud>(compute).AddSingleton<IBareMetalCloud>(ironic)
            .AddTransient<ComputeModelCollector>().AddTransient<BaremetalModelCollector>()
            .BuildServiceProvider();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var computeStore = new ComputeModelStore(scopes, NullLogger<ComputeModelStore>.Instance);
        var baremetalStore = new BaremetalModelStore(scopes, NullLogger<BaremetalModelStore>.Instance);
        return (new BareMetalNodesHandler(ironic, baremetalStore, computeStore), compute, computeStore, baremetalStore);
    }

    [Fact]
    public async Task IronicNodes_AreJoinedToTheirHypervisors_WithRunningVmsAndPower()
    {
        var (handler, _, _, _) = Build("sim_storage.json");

        var nodes = await handler.Handle(new GetBareMetalNodes(), default);

        Assert.NotNull(nodes);
        Assert.Equal(
            [("b0000000-0000-4000-8000-00000000000a", "host-a", "up", 2, "on"), ("b0000000-0000-4000-8000-00000000000b", "host-b", "up", 0, "on")],
            nodes.Select(n => (n.Id, n.HypervisorHostname, n.HypervisorState, n.RunningVms, n.PowerState)));
        Assert.All(nodes, n => Assert.False(n.HypervisorUpWhenPoweredOff));
    }

    [Fact]
    public async Task APowerChange_ShowsAfterTheModelsAreRebuilt()
    {
        var (handler, compute, computeStore, baremetalStore) = Build("sim_storage.json");
        await handler.Handle(new GetBareMetalNodes(), default);

        await compute.SetNodePowerAsync("host-b", on: false);
        _time.Advance(2);
        await computeStore.RebuildAsync(default);
        await baremetalStore.RebuildAsync(default);

        var idle = (await handler.Handle(new GetBareMetalNodes(), default))!.Single(n => n.HypervisorHostname == "host-b");
        // The simulator's hosts are their node's machine: a powered-off node's nova-compute is down with it.
        Assert.Equal(("down", "off", false), (idle.HypervisorState, idle.PowerState, idle.HypervisorUpWhenPoweredOff));
    }

    [Fact]
    public async Task ACloudWithoutIronicNodes_HasNoBareMetalService()
    {
        var (handler, _, _, _) = Build("lifecycle_consolidation.json");

        Assert.Null(await handler.Handle(new GetBareMetalNodes(), default));
    }
}
