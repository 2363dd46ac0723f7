using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// A strategy: reads the (scoped, private) cluster model and metrics and proposes a solution for its goal.
/// Stateless: everything a run needs arrives in the <see cref="StrategyContext"/>.
/// </summary>
public interface IStrategy : IPlugin
{
    string GoalName { get; }

    string DisplayName { get; }

    /// <summary>JSON-schema of the audit parameters (upstream's parameters_spec); a fresh copy on each call.</summary>
    JsonObject ParametersSchema { get; }

    /// <summary>Watcher metric names the strategy needs from a datasource (empty = none).</summary>
    IReadOnlyList<string> RequiredMetrics { get; }

    /// <summary>The planner that orders this strategy's actions (upstream: chosen by the strategy).</summary>
    string PlannerName => "weight";

    /// <summary>Whether the strategy reads the bare-metal inventory (saving_energy); the runner fetches it only then.</summary>
    bool UsesBareMetal => false;

    /// <summary>Whether the strategy reads the storage model; the runner builds and scopes it only then.</summary>
    bool UsesStorageModel => false;

    /// <summary>Whether a run with these (validated) parameters reads the storage model (zone_migration: only with storage_pools).</summary>
    bool UsesStorageModelWith(System.Text.Json.Nodes.JsonObject parameters) => UsesStorageModel;

    /// <summary>Runs the strategy. Throws <see cref="StrategyFailedException"/> for a reason the audit should show.</summary>
    Solution Execute(StrategyContext context);
}

/// <summary>The strategy could not produce a solution; the audit becomes FAILED with this message.</summary>
public sealed class StrategyFailedException(string message) : Exception(message);
