using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Strategies;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Upstream's test_saving_energy.py outcomes (reference §17.3) with bare-metal nodes given in code.</summary>
public class SavingEnergyStrategyTests
{
    private const string Scenario = "strat_zm_scenario_1.json";   // scenario_1: hostname_0 .. hostname_4
    private readonly SavingEnergyStrategy _strategy = new();

    private static BareMetalNode Metal(string id, string host, string power, int vms = 0, string state = "up") =>
        new(id, host, state, vms, power);

    private Solution Run(string parameters, params BareMetalNode[] nodes) =>
        StrategyHarness.Run(_strategy, Scenario, parameters, c => new StrategyContext(c.Model, c.Parameters, c.Metrics)
        {
            BareMetalNodes = nodes,
        });

    [Fact]
    public void TwoIdlePoweredOnHosts_ReserveOfOne_PowersOneOff()
    {
        var solution = Run("{}", Metal("m0", "hostname_0", "on"), Metal("m1", "hostname_1", "on"));

        var action = Assert.Single(solution.Actions);
        Assert.Equal("change_node_power_state", action.ActionType);
        Assert.Equal("off", action.InputParameters["state"]!.GetValue<string>());
        Assert.Contains(action.InputParameters["resource_id"]!.GetValue<string>(), new[] { "m0", "m1" });
        Assert.Equal(action.InputParameters["resource_id"]!.GetValue<string>() == "m0" ? "hostname_0" : "hostname_1",
            action.InputParameters["resource_name"]!.GetValue<string>());
    }

    [Fact]
    public void TwoIdlePoweredOffHosts_ReserveOfOne_PowersOneOn()
    {
        var solution = Run("{}", Metal("m0", "hostname_0", "off"), Metal("m1", "hostname_1", "off"));

        Assert.Equal("on", Assert.Single(solution.Actions).InputParameters["state"]!.GetValue<string>());
    }

    [Fact]
    public void HostsOutsideTheModel_AndBrokenHypervisors_AreIgnored()
    {
        var solution = Run("""{"min_free_hosts_num": 3}""",
            Metal("m0", "hostname_0", "off"), Metal("m10", "hostname_10", "off"), Metal("m2", "hostname_2", "off", state: "down"));

        Assert.Equal(["m0"], solution.Actions.Select(a => a.InputParameters["resource_id"]!.GetValue<string>()));
    }

    [Fact]
    public void HostsWithVms_RaiseTheReserve_ByFreeUsedPercent()
    {
        // 4 hosts with VMs × 50 % = a reserve of 2: one idle host is on, so one more comes on.
        var solution = Run("""{"free_used_percent": 50, "min_free_hosts_num": 1}""",
            Metal("m0", "hostname_0", "on", vms: 2), Metal("m1", "hostname_1", "on", vms: 1),
            Metal("m2", "hostname_2", "on", vms: 3), Metal("m3", "hostname_3", "on", vms: 1),
            Metal("m4", "hostname_4", "on"));

        Assert.Empty(solution.Actions);
        var more = Run("""{"free_used_percent": 75}""",
            Metal("m0", "hostname_0", "on", vms: 2), Metal("m1", "hostname_1", "on", vms: 1),
            Metal("m2", "hostname_2", "on", vms: 3), Metal("m3", "hostname_3", "off"), Metal("m4", "hostname_4", "on"));
        Assert.Equal(["on m3"], more.Actions.Select(a => $"{a.InputParameters["state"]} {a.InputParameters["resource_id"]}"));
    }

    [Fact]
    public void Seed_MakesTheRandomChoiceReproducible()
    {
        BareMetalNode[] idle = [.. Enumerable.Range(0, 5).Select(i => Metal($"m{i}", $"hostname_{i}", "on"))];
        var first = Run("""{"seed": 42}""", idle).Actions.Select(a => a.InputParameters.ToJsonString()).ToList();
        var second = Run("""{"seed": 42}""", idle).Actions.Select(a => a.InputParameters.ToJsonString()).ToList();

        Assert.Equal(4, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void WhereNovaComputeRunsOnTheNode_APoweredOffNodeWithItsServiceDown_CanBePoweredOn()
    {
        // The simulator: a host's nova-compute goes down with its machine; a powered-on host that is down stays broken.
        var solution = Run("""{"min_free_hosts_num": 2}""",
            new BareMetalNode("m0", "hostname_0", "down", 0, "off", HypervisorUpWhenPoweredOff: false),
            new BareMetalNode("m1", "hostname_1", "down", 0, "on", HypervisorUpWhenPoweredOff: false));

        Assert.Equal(["on m0"], solution.Actions.Select(a => $"{a.InputParameters["state"]} {a.InputParameters["resource_id"]}"));
    }

    [Fact]
    public void WithoutABareMetalService_FailsLikeUpstreamWithoutIronic()
    {
        var error = Assert.Throws<StrategyFailedException>(() => StrategyHarness.Run(_strategy, Scenario));

        Assert.Equal(SavingEnergyStrategy.NoBareMetalMessage, error.Message);
        Assert.True(_strategy.UsesBareMetal);
    }
}
