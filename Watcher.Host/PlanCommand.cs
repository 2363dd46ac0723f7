using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Planner;
using Watcher.Modules.Planner.Contracts;
using Watcher.Modules.Shared.Plugins;
using Watcher.Modules.Shared.Schema;

namespace Watcher.Host;

/// <summary>
/// `plan --scenario FILE --strategy S [--param k=v ...] [--json]`: runs a strategy and its planner on a scenario
/// file, offline (no server, no database), and prints the ordered actions and the time each phase took.
/// Exit codes: 0 done, 1 the strategy or planner failed, 2 bad usage (unknown strategy, invalid parameters).
/// </summary>
public static class PlanCommand
{
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Contains("--list-strategies")) return ListStrategies(output, args.Contains("--json"));
        var scenarioOption = new Option<string>("--scenario") { Description = "Scenario file (watcher-scenario/1)", Required = true };
        var strategyOption = new Option<string>("--strategy") { Description = "Strategy name, e.g. vm_workload_consolidation", Required = true };
        var paramOption = new Option<string[]>("--param") { Description = "Audit parameter k=v (value read as JSON when it parses), repeatable" };
        var jsonOption = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var summaryOption = new Option<bool>("--summary")
        {
            Description = "Print only counts as JSON (actions by type, hosts in use before and after, timings), for benchmarks",
        };
        var command = new RootCommand("Plan offline: a strategy and its planner on a scenario file")
        {
            scenarioOption, strategyOption, paramOption, jsonOption, summaryOption,
        };
        command.SetAction(result => Execute(new PlanRequest(
            result.GetValue(scenarioOption)!, result.GetValue(strategyOption)!,
            result.GetValue(paramOption) ?? [], result.GetValue(jsonOption), result.GetValue(summaryOption)), output, error));

        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var e in parsed.Errors) error.WriteLine(e.Message);
            return 2;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>
    /// `plan --list-strategies [--json]`: every registered strategy with its goal, planner and required parameters,
    /// so scripts (bench/, tools/) cover strategies added later without being edited.
    /// </summary>
    private static int ListStrategies(TextWriter output, bool json)
    {
        using var services = BuildServices();
        var list = new JsonArray();
        foreach (var strategy in services.GetRequiredService<PluginCatalog<IStrategy>>().All)
        {
            var required = (strategy.ParametersSchema["required"] as JsonArray ?? []).Select(r => (JsonNode?)r!.GetValue<string>());
            list.Add(new JsonObject
            {
                ["name"] = strategy.Name,
                ["goal"] = strategy.GoalName,
                ["planner"] = strategy.PlannerName,
                ["required_parameters"] = new JsonArray([.. required]),
                ["metrics"] = new JsonArray([.. strategy.RequiredMetrics.Select(m => (JsonNode?)m)]),
            });
        }
        if (json) output.WriteLine(list.ToJsonString());
        else
            foreach (var s in list)
                output.WriteLine($"{s!["name"],-30} goal {s["goal"],-22} planner {s["planner"]}");
        return 0;
    }

    private sealed record PlanRequest(string ScenarioPath, string StrategyName, string[] Params, bool Json, bool Summary);

    private static int Execute(PlanRequest request, TextWriter output, TextWriter error)
    {
        using var services = BuildServices();
        var strategies = services.GetRequiredService<PluginCatalog<IStrategy>>();
        if (!strategies.TryGet(request.StrategyName, out var strategy))
        {
            error.WriteLine($"Unknown strategy '{request.StrategyName}'. Valid names: {string.Join(", ", strategies.Names)}");
            return 2;
        }
        var goal = services.GetRequiredService<PluginCatalog<IGoal>>().Get(strategy.GoalName);
        var planners = services.GetRequiredService<PluginCatalog<IPlanner>>();
        var time = TimeProvider.System;

        var started = time.GetTimestamp();
        Scenario scenario;
        try { scenario = Scenario.Load(request.ScenarioPath); }
        catch (Exception e) when (e is IOException or FormatException or JsonException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot read scenario '{request.ScenarioPath}': {e.Message}");
            return 2;
        }
        var loadMs = time.GetElapsedTime(started).TotalMilliseconds;

        if (!TryBuildParameters(scenario, strategy, request.Params, error, out var parameters)) return 2;

        // The strategy simulates its moves on the model: note where every instance runs before it does.
        var placement = scenario.Model.Instances
            .Select(i => (i.Uuid, Node: scenario.Model.NodeOf(i)?.Hostname))
            .Where(p => p.Node is not null).ToDictionary(p => p.Uuid, p => p.Node!);

        started = time.GetTimestamp();
        Watcher.Modules.Decision.Contracts.Solution solution;
        try
        {
            var metrics = strategy.RequiredMetrics.Count > 0 ? new ScenarioDatasource(scenario) : null;
            solution = strategy.Execute(new StrategyContext(scenario.Model, parameters, metrics)
            {
                Storage = strategy.UsesStorageModel ? scenario.Storage : null,
            });
        }
        catch (StrategyFailedException e)
        {
            error.WriteLine($"Strategy {strategy.Name} failed: {e.Message}");
            return 1;
        }
        var strategyMs = time.GetElapsedTime(started).TotalMilliseconds;

        started = time.GetTimestamp();
        IReadOnlyList<PlannedAction> actions;
        try { actions = planners.Get(strategy.PlannerName).Schedule(solution); }
        catch (PlanningFailedException e)
        {
            error.WriteLine($"Planner {strategy.PlannerName} failed: {e.Message}");
            return 1;
        }
        var plannerMs = time.GetElapsedTime(started).TotalMilliseconds;

        var plan = new PlanOutput(strategy.Name, goal, parameters, actions, solution.Indicators,
            goal.GlobalEfficacy(solution.Indicators), new PlanTimings(loadMs, strategyMs, plannerMs));
        if (request.Summary) output.Write(plan.ToSummary(placement));
        else if (request.Json) plan.WriteJson(output);
        else output.Write(plan.ToText());
        return 0;
    }

    /// <summary>The scenario's parameters for the strategy, then --param overrides, checked against its schema.</summary>
    private static bool TryBuildParameters(Scenario scenario, IStrategy strategy, string[] overrides, TextWriter error, out JsonObject parameters)
    {
        parameters = scenario.Parameters[strategy.Name] is JsonObject fromScenario
            ? (JsonObject)JsonNode.Parse(fromScenario.ToJsonString())!
            : new JsonObject();
        foreach (var pair in overrides)
        {
            var split = pair.IndexOf('=');
            if (split <= 0)
            {
                error.WriteLine($"Invalid --param '{pair}': expected key=value");
                return false;
            }
            parameters[pair[..split]] = ParseValue(pair[(split + 1)..]);
        }
        try
        {
            ParameterSchema.ValidateAndApplyDefaults(strategy.ParametersSchema, parameters);
            return true;
        }
        catch (SchemaViolationException e)
        {
            error.WriteLine(e.UnknownProperty is { } key
                ? $"Audit parameter {key} not allowed (strategy {strategy.Name} accepts: {string.Join(", ", SchemaKeys(strategy))})"
                : $"Invalid parameters for strategy {strategy.Name}: {e.Message}");
            return false;
        }
    }

    private static JsonNode? ParseValue(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return JsonValue.Create(text); }
    }

    private static IEnumerable<string> SchemaKeys(IStrategy strategy) =>
        (strategy.ParametersSchema["properties"] as JsonObject)?.Select(p => p.Key) ?? [];

    /// <summary>Only the plugins: no web host, no database, planners with their upstream defaults.</summary>
    private static ServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStrategies();
        services.AddGoals();
        services.AddPlanner(configuration);
        return services.BuildServiceProvider();
    }
}
