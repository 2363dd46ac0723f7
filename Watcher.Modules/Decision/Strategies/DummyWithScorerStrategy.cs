using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Scoring;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Test strategy showing how a strategy uses scoring engines (reference §7.2): dummy_scorer classifies a random
/// telemetry sample, dummy_avg_scorer averages 20 random integers, and both results become nop messages.
/// Randomised like upstream; the optional <c>seed</c> parameter (ours) makes a run reproducible.
/// </summary>
public sealed class DummyWithScorerStrategy(PluginCatalog<IScoringEngine> scorers) : IStrategy
{
    public const string PluginName = "dummy_with_scorer";
    private const long Mebibyte = 1024 * 1024, Gibibyte = 1024 * Mebibyte;

    public string Name => PluginName;
    public string GoalName => DummyGoal.PluginName;
    public string DisplayName => "Dummy Strategy using sample Scoring Engines";
    public IReadOnlyList<string> RequiredMetrics => [];

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["param1"] = new JsonObject
            {
                ["description"] = "number parameter example",
                ["type"] = "number",
                ["default"] = 3.2,
                ["minimum"] = 1.0,
                ["maximum"] = 10.2,
            },
            ["param2"] = new JsonObject
            {
                ["description"] = "string parameter example",
                ["type"] = "string",
                ["default"] = "hello",
            },
            ["seed"] = SeedParameter.Schema(),
        },
    };

    public Solution Execute(StrategyContext context)
    {
        var workloadScorer = scorers.Get(DummyScorer.PluginName);
        var averageScorer = scorers.Get(DummyAvgScorer.PluginName);
        var workloads = DummyScorer.Workloads(workloadScorer);
        var random = context.CreateRandom();

        var solution = new Solution();
        solution.AddAction("nop", null, new JsonObject { ["message"] = "Hello from Dummy Strategy with Scorer!" });

        var score = JsonNode.Parse(workloadScorer.CalculateScore(RandomTelemetry(random)))!.AsArray();
        var workload = workloads[score[0]!.GetValue<int>()];
        solution.AddAction("nop", null, new JsonObject { ["message"] = $"Detected Workload: {workload}" });

        // Twenty distinct integers below 1000, like Python's random.sample(range(1000), 20).
        var sample = Enumerable.Range(0, 1000).OrderBy(_ => random.Next()).Take(20);
        var average = JsonNode.Parse(averageScorer.CalculateScore("[" + string.Join(", ", sample) + "]"))!.AsArray()[0]!;
        solution.AddAction("nop", null, new JsonObject
        {
            ["message"] = $"AVG Scorer result: {ScoringInput.PythonFloat(double.Parse(average.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture))}",
        });

        solution.AddAction("sleep", null, new JsonObject { ["duration"] = 5.0 });
        return solution;
    }

    /// <summary>The nine features dummy_scorer expects, drawn from upstream's ranges.</summary>
    private static string RandomTelemetry(Random random)
    {
        long[] features =
        [
            random.Next(0, 101),                        // processor time %
            4 * Gibibyte,                               // memory total
            random.NextInt64(Gibibyte, 4 * Gibibyte + 1), // memory available
            random.Next(0, 2001),                       // page reads/s
            random.Next(0, 2001),                       // page writes/s
            random.NextInt64(0, 200 * Mebibyte + 1),    // disk read B/s
            random.NextInt64(0, 200 * Mebibyte + 1),    // disk write B/s
            random.NextInt64(0, 20 * Mebibyte + 1),     // net received B/s
            random.NextInt64(0, 10 * Mebibyte + 1),     // net sent B/s
        ];
        return "[" + string.Join(", ", features) + "]";
    }
}
