using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>Test strategy: always two nops and a sleep (reference §7.1).</summary>
public sealed class DummyStrategy : IStrategy
{
    public const string PluginName = "dummy";
    public string Name => PluginName;
    public string GoalName => DummyGoal.PluginName;
    public string DisplayName => "Dummy strategy";
    public IReadOnlyList<string> RequiredMetrics => [];

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["para1"] = new JsonObject
            {
                ["description"] = "number parameter example",
                ["type"] = "number",
                ["default"] = 3.2,
                ["minimum"] = 1.0,
                ["maximum"] = 10.2,
            },
            ["para2"] = new JsonObject
            {
                ["description"] = "string parameter example",
                ["type"] = "string",
                ["default"] = "hello",
            },
        },
    };

    public Solution Execute(StrategyContext context)
    {
        var solution = new Solution();
        solution.AddAction("nop", null, new JsonObject { ["message"] = "hello World" });
        solution.AddAction("nop", null, new JsonObject { ["message"] = context.GetString("para2") });
        solution.AddAction("sleep", null, new JsonObject { ["duration"] = context.GetNumber("para1") });
        return solution;
    }
}
