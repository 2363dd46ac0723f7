using System.Text.Json.Nodes;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.Datasources;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Decision.Strategies.Basic;
using Watcher.Modules.Decision.Strategies.VmWorkloadConsolidation;
using Watcher.Modules.Decision.Strategies.WorkloadStabilization;
using Watcher.Modules.Shared.Schema;
using Watcher.Tests.Decision.Strategies;

namespace Watcher.Tests.Cloud.Simulator;

/// <summary>The demo cluster gives each compute goal work to do, read through the simulator datasource.</summary>
public class DemoClusterGoalsTests
{
    private static Solution Run(IStrategy strategy, double secondsAfterStart = 30, string parameters = "{}")
    {
        var time = new ManualTimeProvider();
        var scenario = DemoCluster.Build();
        var cloud = new SimulatedCloud(scenario, new SimulatorOptions(), time);
        time.Advance(secondsAfterStart);
        var input = (JsonObject)JsonNode.Parse(parameters)!;
        ParameterSchema.ValidateAndApplyDefaults(strategy.ParametersSchema, input);
        return strategy.Execute(new StrategyContext(scenario.Model, input, new SimulatorDatasource(cloud)));
    }

    [Fact]
    public void ServerConsolidation_Basic_PacksEverythingOntoTheBusyHost()
    {
        var solution = Run(new BasicConsolidationStrategy());

        Assert.Equal(5, solution.Actions.Count(a => a.ActionType == "migrate"));
        Assert.Equal(3, solution.Actions.Count(a => a.ActionType == "change_nova_service_state"));
        Assert.All(solution.Actions.Where(a => a.ActionType == "migrate"),
            a => Assert.Equal("compute-1", a.InputParameters["destination_node"]!.GetValue<string>()));
    }

    [Fact]
    public void ServerConsolidation_VmWorkloadConsolidation_ReleasesThreeHosts()
    {
        var solution = Run(new VmWorkloadConsolidationStrategy());

        Assert.Equal(3, solution.Indicators["released_compute_nodes_count"]);
    }

    [Fact]
    public void ThermalOptimization_MovesAVmFromTheHotAisleHostToTheCoolest()
    {
        var solution = Run(new OutletTemperatureStrategy());

        Assert.Equal(["migrate live compute-0->compute-3 5e000000-0000-4000-8000-000000000000"], StrategyHarness.Describe(solution));
    }

    [Fact]
    public void AirflowOptimization_EvacuatesTheHostWhoseFansRunHighWhileIdle()
    {
        var solution = Run(new UniformAirflowStrategy());

        Assert.Equal(2, solution.Actions.Count);
        Assert.All(solution.Actions, a => Assert.Equal("compute-0", a.InputParameters["source_node"]!.GetValue<string>()));
    }

    [Fact]
    public void WorkloadBalancing_Stabilization_MovesLoadOffTheBusyHost()
    {
        var solution = Run(new WorkloadStabilizationStrategy(), parameters: "{\"seed\": 1}");

        Assert.NotEmpty(solution.Actions);
        Assert.All(solution.Actions, a => Assert.Equal("compute-1", a.InputParameters["source_node"]!.GetValue<string>()));
        Assert.True(solution.Indicators["standard_deviation_before_audit"] > 0.1);
    }

    [Fact]
    public void WorkloadBalancing_Balance_MovesTheCacheVmToTheIdlestHost()
    {
        var solution = Run(new WorkloadBalanceStrategy());

        Assert.Equal(["migrate live compute-1->compute-3 5e000000-0000-4000-8000-000000000003"], StrategyHarness.Describe(solution));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(1800 + 60)]   // the next burst
    public void NoisyNeighbor_DuringABurstsFirstMinutes_MovesTheBatchVm(double secondsAfterStart)
    {
        var solution = Run(new NoisyNeighborStrategy(), secondsAfterStart);

        Assert.Equal(["migrate live compute-2->compute-0 5e000000-0000-4000-8000-000000000005"], StrategyHarness.Describe(solution));
    }

    [Fact]
    public void NoisyNeighbor_WellIntoABurst_SeesNoChangeAndDoesNothing()
    {
        Assert.Empty(Run(new NoisyNeighborStrategy(), 400).Actions);
    }
}
