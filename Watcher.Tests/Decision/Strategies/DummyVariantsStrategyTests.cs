using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Decision.Scoring;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>dummy_with_scorer, dummy_with_resize and actuator (reference §7.2–7.4, §17.3).</summary>
public class DummyVariantsStrategyTests
{
    private static DummyWithScorerStrategy WithScorer()
    {
        var services = new ServiceCollection().AddScoringEngines().BuildServiceProvider();
        return new DummyWithScorerStrategy(services.GetRequiredService<PluginCatalog<IScoringEngine>>());
    }

    [Fact]
    public void DummyWithScorer_GreetsClassifiesAveragesAndSleeps()
    {
        var solution = StrategyHarness.Run(WithScorer(), "strat_vwc_scenario_1.json", """{"param1": 4.0, "param2": "Hi"}""");

        Assert.Equal(["nop", "nop", "nop", "sleep"], solution.Actions.Select(a => a.ActionType));
        Assert.Equal("Hello from Dummy Strategy with Scorer!", Message(solution, 0));
        Assert.Matches("^Detected Workload: (idle|cpu-intensive|memory-intensive|disk-intensive)$", Message(solution, 1));
        Assert.Matches(@"^AVG Scorer result: \d+\.\d+$", Message(solution, 2));
        Assert.Equal(5.0, solution.Actions[3].InputParameters["duration"]!.GetValue<double>());
    }

    [Fact]
    public void DummyWithScorer_SameSeed_SamePlan()
    {
        var strategy = WithScorer();
        var first = StrategyHarness.Run(strategy, "strat_vwc_scenario_1.json", """{"seed": 7}""");
        var second = StrategyHarness.Run(strategy, "strat_vwc_scenario_1.json", """{"seed": 7}""");

        Assert.Equal(first.Actions.Select(a => a.InputParameters.ToJsonString()), second.Actions.Select(a => a.InputParameters.ToJsonString()));
    }

    [Fact]
    public void DummyWithResize_PlansTempestsFixedActions()
    {
        var solution = StrategyHarness.Run(new DummyWithResizeStrategy(), "strat_vwc_scenario_1.json");

        Assert.Equal(["nop", "nop", "sleep", "migrate", "migrate", "resize"], solution.Actions.Select(a => a.ActionType));
        Assert.Equal("""{"source_node":"compute2","destination_node":"compute3","migration_type":"live","resource_id":"b199db0c-1408-4d52-b5a5-5ca14de0ff36"}""",
            solution.Actions[3].InputParameters.ToJsonString());
        Assert.Equal("""{"flavor":"x2","resource_id":"8db1b3c1-7938-4c34-8c03-6de14b874f8f"}""", solution.Actions[5].InputParameters.ToJsonString());
    }

    [Fact]
    public void Actuator_EmitsExactlyTheGivenActions_ResourceIdInside_DuplicatesDropped()
    {
        var solution = StrategyHarness.Run(new ActuatorStrategy(), "strat_vwc_scenario_1.json", """
            {"actions": [
              {"action_type": "TEST", "input_parameters": {"a": "b"}},
              {"action_type": "migrate", "resource_id": "vm-1", "input_parameters": {"migration_type": "live", "source_node": "n0"}},
              {"action_type": "TEST", "input_parameters": {"a": "b"}}
            ]}
            """);

        Assert.Equal(["TEST", "migrate"], solution.Actions.Select(a => a.ActionType));
        Assert.Equal("""{"a":"b"}""", solution.Actions[0].InputParameters.ToJsonString());
        Assert.Equal("vm-1", solution.Actions[1].InputParameters["resource_id"]!.GetValue<string>());
    }

    [Fact]
    public void Actuator_ResourceIdInsideInputParameters_IsAReservedWord()
    {
        var error = Assert.Throws<StrategyFailedException>(() => StrategyHarness.Run(new ActuatorStrategy(), "strat_vwc_scenario_1.json",
            """{"actions": [{"action_type": "nop", "input_parameters": {"resource_id": "x"}}]}"""));

        Assert.Equal("The identifier 'resource_id' is a reserved word", error.Message);
    }

    [Fact]
    public void Actuator_RequiresActions_AndRejectsUnknownItemKeys_AsUpstreamsValidatorDoes()
    {
        Assert.Throws<Watcher.Modules.Shared.Schema.SchemaViolationException>(() =>
            StrategyHarness.Run(new ActuatorStrategy(), "strat_vwc_scenario_1.json", "{}"));
        var extra = Assert.Throws<Watcher.Modules.Shared.Schema.SchemaViolationException>(() =>
            StrategyHarness.Run(new ActuatorStrategy(), "strat_vwc_scenario_1.json",
                """{"actions": [{"action_type": "nop", "input_parameters": {}, "extra": 1}]}"""));
        Assert.Equal("extra", extra.UnknownProperty);
    }

    private static string Message(Watcher.Modules.Decision.Contracts.Solution solution, int index) =>
        solution.Actions[index].InputParameters["message"]!.GetValue<string>();
}
