using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Tempest's test strategy (reference §7.3): fixed nops, a sleep, two live migrations of fixed instance UUIDs
/// from compute2 to compute3 and a resize of the second one. Its instances exist only in tempest's cloud, so its
/// plans fail elsewhere — as upstream's do.
/// </summary>
public sealed class DummyWithResizeStrategy : IStrategy
{
    public const string PluginName = "dummy_with_resize";
    private const string FirstInstance = "b199db0c-1408-4d52-b5a5-5ca14de0ff36";
    private const string SecondInstance = "8db1b3c1-7938-4c34-8c03-6de14b874f8f";

    public string Name => PluginName;
    public string GoalName => DummyGoal.PluginName;
    public string DisplayName => "Dummy strategy with resize";
    public IReadOnlyList<string> RequiredMetrics => [];

    /// <summary>The same parameters as <see cref="DummyStrategy"/>; it does not use them.</summary>
    public JsonObject ParametersSchema => new DummyStrategy().ParametersSchema;

    public Solution Execute(StrategyContext context)
    {
        var solution = new Solution();
        solution.AddAction("nop", null, new JsonObject { ["message"] = "hello World" });
        solution.AddAction("nop", null, new JsonObject { ["message"] = "Welcome" });
        solution.AddAction("sleep", null, new JsonObject { ["duration"] = 5.0 });
        foreach (var instance in new[] { FirstInstance, SecondInstance })
        {
            solution.AddAction("migrate", instance, new JsonObject
            {
                ["source_node"] = "compute2",
                ["destination_node"] = "compute3",
                ["migration_type"] = "live",
            });
        }
        solution.AddAction("resize", SecondInstance, new JsonObject { ["flavor"] = "x2" });
        return solution;
    }
}
