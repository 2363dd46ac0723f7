using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Shared.Schema;

namespace Watcher.Tests.Decision.Strategies;

public class DummyStrategyTests
{
    private readonly DummyStrategy _strategy = new();

    [Fact]
    public void Execute_WithGivenParameters_EmitsTwoNopsAndASleep()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_vwc_scenario_1.json", """{"para1": 4.0, "para2": "Hi"}""");

        Assert.Equal(["nop", "nop", "sleep"], solution.Actions.Select(a => a.ActionType));
        Assert.Equal("hello World", solution.Actions[0].InputParameters["message"]!.GetValue<string>());
        Assert.Equal("Hi", solution.Actions[1].InputParameters["message"]!.GetValue<string>());
        Assert.Equal(4.0, solution.Actions[2].InputParameters["duration"]!.GetValue<double>());
        Assert.Empty(solution.Indicators);
    }

    [Fact]
    public void Schema_WithNoParameters_InjectsUpstreamDefaults()
    {
        var parameters = new JsonObject();

        ParameterSchema.ValidateAndApplyDefaults(_strategy.ParametersSchema, parameters);

        Assert.Equal(3.2, parameters["para1"]!.GetValue<double>());
        Assert.Equal("hello", parameters["para2"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"para1": 10.3}""")]
    [InlineData("""{"para1": 0.5}""")]
    [InlineData("""{"para1": "four"}""")]
    public void Schema_WithPara1OutOfRangeOrNotANumber_IsRejected(string json)
    {
        Assert.Throws<SchemaViolationException>(() =>
            ParameterSchema.ValidateAndApplyDefaults(_strategy.ParametersSchema, JsonNode.Parse(json)));
    }

    [Fact]
    public void Schema_WithUnknownParameter_NamesIt()
    {
        var error = Assert.Throws<SchemaViolationException>(() =>
            ParameterSchema.ValidateAndApplyDefaults(_strategy.ParametersSchema, JsonNode.Parse("""{"para3": 1}""")));

        Assert.Equal("para3", error.UnknownProperty);
    }

    [Fact]
    public void Execute_WhenPara2IsTheGreeting_DropsTheDuplicateNop()
    {
        var solution = StrategyHarness.Run(_strategy, "strat_vwc_scenario_1.json", """{"para2": "hello World"}""");

        Assert.Equal(["nop", "sleep"], solution.Actions.Select(a => a.ActionType));
    }
}
