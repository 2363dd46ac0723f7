using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Emits exactly the actions given in its <c>actions</c> parameter, in order (reference §7.4): a way to run any
/// action through an audit and a plan, e.g. from an event audit. Duplicates are dropped; <c>resource_id</c> moves
/// into the input parameters. The applier alone validates each action's parameters.
/// </summary>
public sealed class ActuatorStrategy : IStrategy
{
    public const string PluginName = "actuator";
    private static readonly HashSet<string> ActionKeys = ["action_type", "resource_id", "input_parameters"];

    public string Name => PluginName;
    public string GoalName => UnclassifiedGoal.PluginName;
    public string DisplayName => "Actuator";
    public IReadOnlyList<string> RequiredMetrics => [];

    public JsonObject ParametersSchema => new()
    {
        ["$schema"] = "http://json-schema.org/draft-04/schema#",
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["actions"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["action_type"] = new JsonObject { ["type"] = "string" },
                        ["resource_id"] = new JsonObject { ["type"] = "string" },
                        ["input_parameters"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject(),
                            ["additionalProperties"] = true,
                        },
                    },
                    ["required"] = new JsonArray("action_type", "input_parameters"),
                    ["additionalProperties"] = true,
                },
            },
        },
        ["required"] = new JsonArray("actions"),
    };

    public Solution Execute(StrategyContext context)
    {
        var solution = new Solution();
        var actions = context.Parameters["actions"] as JsonArray ?? [];
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is not JsonObject action)
                throw new StrategyFailedException($"Actuator action #{i + 1} is not an object");
            // Upstream passes each item's keys straight to the solution, so another key fails the run.
            if (action.Select(p => p.Key).FirstOrDefault(k => !ActionKeys.Contains(k)) is { } unknown)
                throw new StrategyFailedException(
                    $"Actuator action #{i + 1} has an unknown key '{unknown}' (allowed: action_type, resource_id, input_parameters)");
            var input = (action["input_parameters"] as JsonObject)?.DeepClone().AsObject() ?? new JsonObject();
            if (input.ContainsKey("resource_id"))
                throw new StrategyFailedException("The identifier 'resource_id' is a reserved word");
            solution.AddAction(action["action_type"]!.GetValue<string>(), action["resource_id"]?.GetValue<string>(), input);
        }
        return solution;
    }
}
