using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Decision.Strategies.Basic;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Expected outcomes from upstream's unit tests of basic (reference §17.3), on the same fixtures and fake metrics.</summary>
public class BasicConsolidationStrategyTests
{
    private readonly BasicConsolidationStrategy _strategy = new();

    [Theory]
    [InlineData("Node_0", 0.023333333333333317)]
    [InlineData("Node_1", 0.023333333333333317)]
    [InlineData("Node_2", 0.26666666666666666)]
    public void NodeScore_IsHostCpuOverThreeHundred_BitForBitAsUpstream(string node, double expected)
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_basic_scenario_1.json"));
        var n = scenario.Model.GetNode(node);
        var cpu = new ScenarioDatasource(scenario).NodeMetric(n, MetricNames.HostCpuUsage);

        Assert.Equal(expected, BasicConsolidationStrategy.NodeScore(n, cpu));
    }

    [Theory]
    [InlineData("d000ef1f-dc19-4982-9383-087498bfde03", 0.023333333333333317)]
    [InlineData("d010ef1f-dc19-4982-9383-087498bfde03", 0.023333333333333317)]
    [InlineData("d020ef1f-dc19-4982-9383-087498bfde03", 0.033333333333333326)]
    [InlineData("d060ef1f-dc19-4982-9383-087498bfde03", 0.02666666666666669)]
    [InlineData("d070ef1f-dc19-4982-9383-087498bfde03", 0.013333333333333345)]
    public void InstanceScore_MatchesUpstream(string uuid, double expected)
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_basic_scenario_1.json"));
        var instance = scenario.Model.FindInstance(uuid)!;
        var cpu = new ScenarioDatasource(scenario).InstanceMetric(instance, MetricNames.InstanceCpuUsage);

        Assert.Equal(expected, BasicConsolidationStrategy.InstanceScore(instance, cpu));
    }

    [Fact]
    public void InstanceScore_ZeroDisk_CountsTheDiskTermAsZero()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_basic_scenario_5.json"));
        var instance = scenario.Model.FindInstance("INSTANCE_0")!;

        Assert.Equal(0.023333333333333355, BasicConsolidationStrategy.InstanceScore(instance, 7));
    }

    [Fact]
    public void Weight_OfCoresDiskAndMemoryUsed_MatchesUpstream()
    {
        // calculate_weight(instance_0 = 10 vCPU / 20 GB / 2 MB, 16 cores, 80 disk, 8 mem) upstream.
        Assert.Equal(3.1999999999999997, BasicConsolidationStrategy.Weight(10, 20, 2, 16, 80, 8));
    }

    [Fact]
    public void Execute_TwoNodesOneInstanceEach_OneMigrationAndOneDisable()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_basic_scenario_3.json");

        Assert.Equal(1, solution.Actions.Count(a => a.ActionType == "migrate"));
        Assert.Equal(1, solution.Actions.Count(a => a.ActionType == "change_nova_service_state"));
        // Both nodes score 0 (no CPU figure for them): the last one in model order is emptied first.
        Assert.Equal(["migrate live hostname_1->hostname_0 a4cab39b-9828-413a-bf88-f76921bf1517", "disabled hostname_1 watcher_disabled"],
            StrategyHarness.Describe(solution));
    }

    [Fact]
    public void Execute_FourNodes_FiveMigrationsThreeDisablesAndSeventyFivePercentReleased()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_basic_scenario_8.json");

        Assert.Equal(5, solution.Actions.Count(a => a.ActionType == "migrate"));
        Assert.Equal(3, solution.Actions.Count(a => a.ActionType == "change_nova_service_state"));
        Assert.Equal(4, solution.Indicators[ServerConsolidationGoal.ComputeNodesCount]);
        Assert.Equal(3, solution.Indicators[ServerConsolidationGoal.ReleasedComputeNodesCount]);
        Assert.Equal(5, solution.Indicators[ServerConsolidationGoal.InstanceMigrationsCount]);
        Assert.Equal(75, new ServerConsolidationGoal().GlobalEfficacy(solution.Indicators)[0].Value);
    }

    [Fact]
    public void Execute_NoInstances_NoActionsAndZeroEfficacy()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_scenario_4_no_instance.json");

        Assert.Empty(solution.Actions);
        Assert.Equal(0, new ServerConsolidationGoal().GlobalEfficacy(solution.Indicators)[0].Value);
    }

    [Fact]
    public void Execute_ScenarioOne_EmptiesTheLeastBusyNodesFirst()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_basic_scenario_1.json");

        // Node_4 (5 %) is emptied first, then Node_3 (5 %, its instance is stopped so it stays), then Node_1.
        Assert.Equal("migrate live hostname_4->hostname_2 d070ef1f-dc19-4982-9383-087498bfde03", StrategyHarness.Describe(solution.Actions[0]));
        Assert.Equal("disabled hostname_4 watcher_disabled", StrategyHarness.Describe(solution.Actions[1]));
        Assert.DoesNotContain(solution.Actions, a => a.InputParameters["resource_id"]?.GetValue<string>() == "d060ef1f-dc19-4982-9383-087498bfde03");
    }

    [Fact]
    public void Execute_ExcludedInstances_StayWhereTheyAre()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_basic_scenario_8.json"));
        foreach (var i in scenario.Model.Instances) i.WatcherExclude = true;

        var solution = _strategy.Execute(new StrategyContext(scenario.Model, Defaults(), new ScenarioDatasource(scenario)));

        Assert.Empty(solution.Actions);
        Assert.Equal(0, solution.Indicators[ServerConsolidationGoal.InstanceMigrationsCount]);
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("{\"optimize\": true}", true)]
    [InlineData("{\"optimize\": \"yes\"}", true)]
    [InlineData("{\"optimize\": 1}", true)]
    [InlineData("{\"optimize\": \"false\"}", false)]
    [InlineData("{\"optimize\": \"maybe\"}", false)]
    [InlineData("{\"top\": \"floor\"}", false)]
    public void CheckOptimizeMetadata_ReadsTheFlagAsOsloDoes(string metadata, bool moves)
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_basic_scenario_3.json"));
        foreach (var i in scenario.Model.Instances) i.Metadata = (JsonObject)JsonNode.Parse(metadata)!;
        var strategy = new BasicConsolidationStrategy(Options.Create(new BasicConsolidationOptions { CheckOptimizeMetadata = true }));

        var solution = strategy.Execute(new StrategyContext(scenario.Model, Defaults(), new ScenarioDatasource(scenario)));

        Assert.Equal(moves, solution.Actions.Any(a => a.ActionType == "migrate"));
    }

    [Theory]
    [InlineData(0, 6)]   // no limit: every node is tried as a source (3 + 1 + 1 + 1 instances scored)
    [InlineData(1, 4)]   // the search stops after two nodes in a row could not be emptied: Node_3 (1), then Node_0 (3),
                         // whose 7 % of 6 vCPUs scores a hair under Node_1's 7 % of 2 in floating point
    public void MigrationAttempts_LimitsHowManyNodesInARowMayFail(int attempts, int instancesScored)
    {
        // Every node full (Node_0: 3 x 2 vCPUs of 6; the others 2 of 2): nothing can move anywhere.
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_basic_scenario_8.json"));
        foreach (var n in scenario.Model.Nodes) n.Vcpus = n.Uuid == "Node_0" ? 6 : 2;
        var recorder = new RecordingDatasource(new ScenarioDatasource(scenario));
        var parameters = Defaults();
        parameters["migration_attempts"] = attempts;

        var solution = _strategy.Execute(new StrategyContext(scenario.Model, parameters, recorder));

        Assert.Empty(solution.Actions);
        Assert.Equal(instancesScored, recorder.InstanceCalls.Count);
    }

    [Fact]
    public void DeprecatedNodeAggregate_OverridesComputeNode()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("strat_basic_scenario_3.json"));
        var recorder = new RecordingDatasource(new ScenarioDatasource(scenario));
        var parameters = Defaults();
        parameters["aggregation_method"] = new JsonObject { ["instance"] = "mean", ["compute_node"] = "mean", ["node"] = "min" };

        _strategy.Execute(new StrategyContext(scenario.Model, parameters, recorder));

        Assert.All(recorder.NodeCalls, c => Assert.Equal("min", c.Aggregate));
        Assert.All(recorder.NodeCalls, c => Assert.Equal(7200, c.Period));
    }

    private static JsonObject Defaults()
    {
        var parameters = new JsonObject();
        Watcher.Modules.Shared.Schema.ParameterSchema.ValidateAndApplyDefaults(new BasicConsolidationStrategy().ParametersSchema, parameters);
        return parameters;
    }
}
