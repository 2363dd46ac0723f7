using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Shared.Schema;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>Runs a strategy the way an audit does: parameters checked against its schema (defaults filled), then Execute.</summary>
internal static class StrategyHarness
{
    public static Solution Run(IStrategy strategy, string scenarioFile, string? parametersJson = null,
        Func<StrategyContext, StrategyContext>? customize = null) =>
        Run(strategy, Scenario.Load(TestPaths.TestScenario(scenarioFile)), parametersJson, customize);

    public static Solution Run(IStrategy strategy, Scenario scenario, string? parametersJson,
        Func<StrategyContext, StrategyContext>? customize = null)
    {
        var parameters = parametersJson is null ? new JsonObject() : (JsonObject)JsonNode.Parse(parametersJson)!;
        ParameterSchema.ValidateAndApplyDefaults(strategy.ParametersSchema, parameters);
        var context = new StrategyContext(scenario.Model, parameters, new ScenarioDatasource(scenario))
        {
            Storage = strategy.UsesStorageModelWith(parameters) ? scenario.Storage.Clone() : null,
        };
        return strategy.Execute(customize is null ? context : customize(context));
    }

    /// <summary>An action as a short readable line, e.g. "migrate live hostname_0->hostname_1 INSTANCE_0".</summary>
    public static string Describe(SolutionAction action)
    {
        var p = action.InputParameters;
        string? S(string key) => p[key]?.GetValue<string>();
        return action.ActionType switch
        {
            "migrate" => $"migrate {S("migration_type")} {S("source_node")}->{S("destination_node") ?? "(scheduler)"} {S("resource_id")}",
            "change_nova_service_state" => $"{S("state")} {S("resource_name")}{(S("disabled_reason") is { } r ? " " + r : "")}",
            "stop" => $"stop {S("resource_id")}",
            _ => $"{action.ActionType} {p.ToJsonString()}",
        };
    }

    public static List<string> Describe(Solution solution) => solution.Actions.Select(Describe).ToList();
}
