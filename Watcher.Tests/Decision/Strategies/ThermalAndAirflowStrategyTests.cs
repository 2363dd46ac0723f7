using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Strategies;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Expected outcomes from upstream's unit tests of outlet_temperature and uniform_airflow (reference §17.3).</summary>
public class ThermalAndAirflowStrategyTests
{
    [Fact]
    public void OutletTemperature_HotNode_MovesItsInstanceToTheCoolNode_NamingHostnames()
    {
        // af69… reads 100 °C, fa69… 30 °C; threshold 34.3.
        var solution = StrategyHarness.Run(new OutletTemperatureStrategy(), "strat_outlet_scenario_3.json", "{\"threshold\": 34.3}");

        Assert.Equal(["migrate live hostname_1->hostname_0 a4cab39b-9828-413a-bf88-f76921bf1517"], StrategyHarness.Describe(solution));
        Assert.Empty(solution.Indicators);
    }

    [Fact]
    public void OutletTemperature_EveryNodeCool_NoAction()
    {
        Assert.Empty(StrategyHarness.Run(new OutletTemperatureStrategy(), "strat_outlet_scenario_3.json", "{\"threshold\": 101}").Actions);
    }

    [Fact]
    public void OutletTemperature_NoWorkload_NoAction()
    {
        Assert.Empty(StrategyHarness.Run(new OutletTemperatureStrategy(), "strat_scenario_4_no_instance.json").Actions);
    }

    [Fact]
    public void OutletTemperature_CoolNodeWithoutRoom_NoAction()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_outlet_scenario_3.json"));
        scenario.Model.GetNodeByHostname("hostname_0").Vcpus = 15;   // 10 used, the instance needs 10 more

        Assert.Empty(StrategyHarness.Run(new OutletTemperatureStrategy(), scenario, "{\"threshold\": 34.3}").Actions);
    }

    [Fact]
    public void UniformAirflow_HighAirflowWithLowInletAndPower_EvacuatesEveryInstance()
    {
        // Node_0: airflow 400, inlet 24 < 25, power 260 < 300: a hardware problem, move both instances.
        var solution = StrategyHarness.Run(new UniformAirflowStrategy(), "strat_airflow_scenario_7.json",
            "{\"threshold_airflow\": 300, \"threshold_inlet_t\": 25, \"threshold_power\": 300}");

        Assert.Equal(
            ["migrate live hostname_0->hostname_1 cae81432-1631-4d4e-b29c-6f3acdcde906",
             "migrate live hostname_0->hostname_1 73b09e16-35b7-4922-804e-e8f5d9b740fc"],
            StrategyHarness.Describe(solution));
    }

    [Fact]
    public void UniformAirflow_HighAirflowExplainedByLoad_MovesOneInstance()
    {
        var solution = StrategyHarness.Run(new UniformAirflowStrategy(), "strat_airflow_scenario_7.json",
            "{\"threshold_airflow\": 300, \"threshold_inlet_t\": 22}");

        Assert.Equal(["migrate live hostname_0->hostname_1 73b09e16-35b7-4922-804e-e8f5d9b740fc"], StrategyHarness.Describe(solution));
    }

    [Fact]
    public void UniformAirflow_DefaultThreshold_NoSourceNoAction()
    {
        // Node_0 at 400 reaches the default 400 but Node_1 (100) is then the only target, and Node_0's inlet 24
        // and power 260 are low: both instances would go, 25 vCPUs onto 50 - 20 free, which fits.
        var solution = StrategyHarness.Run(new UniformAirflowStrategy(), "strat_airflow_scenario_7.json");

        Assert.Equal(2, solution.Actions.Count);
    }

    [Fact]
    public void UniformAirflow_AnInstanceWithoutRoom_PlansNothing()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_airflow_scenario_7.json"));
        scenario.Model.GetNodeByHostname("hostname_1").Vcpus = 40;   // 20 used: room for 15, not for 10 more

        var solution = StrategyHarness.Run(new UniformAirflowStrategy(), scenario,
            "{\"threshold_airflow\": 300, \"threshold_inlet_t\": 25, \"threshold_power\": 300}");

        Assert.Empty(solution.Actions);
    }

    [Fact]
    public void UniformAirflow_NoWorkload_NoAction()
    {
        Assert.Empty(StrategyHarness.Run(new UniformAirflowStrategy(), "strat_scenario_4_no_instance.json",
            "{\"threshold_airflow\": 300, \"threshold_inlet_t\": 25, \"threshold_power\": 300}").Actions);
    }

    [Fact]
    public void NoisyNeighbor_CacheStarvedPriorityInstance_MovesItsNoisyNeighbour()
    {
        // Node_1: INSTANCE_3 (priority 1) fell from 80 Ki to 40 Ki, INSTANCE_4 (priority 9) rose from 10 Ki to 35 Ki.
        var solution = StrategyHarness.Run(new NoisyNeighborStrategy(), "strat_nn_scenario_7.json");

        Assert.Equal(["migrate live hostname_1->hostname_0 INSTANCE_4"], StrategyHarness.Describe(solution));
    }

    [Fact]
    public void NoisyNeighbor_HigherThreshold_NoAction()
    {
        Assert.Empty(StrategyHarness.Run(new NoisyNeighborStrategy(), "strat_nn_scenario_7.json", "{\"cache_threshold\": 60}").Actions);
    }

    [Fact]
    public void NoisyNeighbor_PriorityOnSomeInstancesOnly_StillWorks()
    {
        // Upstream failed sorting a mix of keyed and unkeyed instances; a missing key counts as 5.
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_nn_scenario_7.json"));
        scenario.Model.FindInstance("INSTANCE_4")!.Metadata.Remove("watcher-priority");

        var solution = StrategyHarness.Run(new NoisyNeighborStrategy(), scenario, null);

        Assert.Equal(["migrate live hostname_1->hostname_0 INSTANCE_4"], StrategyHarness.Describe(solution));
    }

    [Fact]
    public void NoisyNeighbor_ExcludedNeighbour_StaysPut()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_nn_scenario_7.json"));
        scenario.Model.FindInstance("INSTANCE_4")!.WatcherExclude = true;

        Assert.Empty(StrategyHarness.Run(new NoisyNeighborStrategy(), scenario, null).Actions);
    }

    [Fact]
    public void NoisyNeighbor_OnlyDisabledTargets_NoAction()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_nn_scenario_7.json"));
        scenario.Model.GetNodeByHostname("hostname_0").Status = NodeStatus.Disabled;

        Assert.Empty(StrategyHarness.Run(new NoisyNeighborStrategy(), scenario, null).Actions);
    }

    [Fact]
    public void NoisyNeighbor_NoWorkload_NoAction()
    {
        Assert.Empty(StrategyHarness.Run(new NoisyNeighborStrategy(), "strat_scenario_4_no_instance.json").Actions);
    }
}
