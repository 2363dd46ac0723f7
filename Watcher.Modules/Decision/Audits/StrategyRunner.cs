using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.Logging;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Shared.Plugins;
using Watcher.Modules.Shared.Schema;

namespace Watcher.Modules.Decision.Audits;

/// <summary>What one strategy run produced, ready for the planner.</summary>
public sealed record StrategyOutcome(IStrategy Strategy, Solution Solution, IReadOnlyList<EfficacyValue> GlobalEfficacy);

/// <summary>
/// Step 2 of an audit run (reference §5.2): pick the strategy, validate its parameters, give it a scoped copy
/// of the compute model and a datasource, run it, then check its indicators against the goal and compute the
/// global efficacy. Any reason to stop surfaces as <see cref="StrategyFailedException"/>.
/// </summary>
public sealed class StrategyRunner(
    IMediator mediator,
    WatcherDbContext db,
    PluginCatalog<IStrategy> strategies,
    PluginCatalog<IGoal> goals,
    ILogger<StrategyRunner> logger)
{
    public async Task<StrategyOutcome> RunAsync(Audit audit, CancellationToken ct)
    {
        var goal = goals.TryGet(audit.Goal.Name, out var g) ? g
            : throw new StrategyFailedException($"Goal {audit.Goal.Name} is not available in this version of Watcher");
        var strategy = SelectStrategy(audit);

        var parameters = audit.Parameters.DeepClone().AsObject();
        try
        {
            ParameterSchema.ValidateAndApplyDefaults(strategy.ParametersSchema, parameters);
        }
        catch (SchemaViolationException ex)
        {
            throw new StrategyFailedException($"Invalid parameters for strategy: {ex.Message}");
        }

        var model = ComputeScope.ApplyScope(await mediator.Send(new GetComputeModel(), ct), audit.Scope);
        var metrics = strategy.RequiredMetrics.Count == 0
            ? null
            : await mediator.Send(new SelectDatasource(strategy.RequiredMetrics, null), ct);

        var context = new StrategyContext(model, parameters, metrics, audit.AuditType, logger, ct)
        {
            FailedActions = await FailedActionsAsync(audit, ct),
            BareMetalNodes = strategy.UsesBareMetal ? await mediator.Send(new GetBareMetalNodes(), ct) : null,
            Storage = strategy.UsesStorageModelWith(parameters)
                ? StorageScope.ApplyScope(await mediator.Send(new GetStorageModel(), ct), audit.Scope) : null,
        };
        var solution = await Task.Run(() => strategy.Execute(context), ct);

        CheckIndicators(goal, solution);
        return new StrategyOutcome(strategy, solution, goal.GlobalEfficacy(solution.Indicators));
    }

    /// <summary>Actions of the audit's earlier plans that FAILED (a ONESHOT audit runs once, so it has none).</summary>
    private async Task<IReadOnlyList<SolutionAction>> FailedActionsAsync(Audit audit, CancellationToken ct)
    {
        if (audit.AuditType == AuditTypes.Oneshot) return [];
        var rows = await db.Actions.AsNoTracking()
            .Where(a => a.ActionPlan.AuditId == audit.Id && a.State == ActionStates.Failed)
            .Select(a => new { a.ActionType, a.InputParameters })
            .ToListAsync(ct);
        return rows.Select(r => new SolutionAction(r.ActionType, r.InputParameters)).ToList();
    }

    /// <summary>The audit's own strategy, else the first one registered for its goal (reference §7.0).</summary>
    private IStrategy SelectStrategy(Audit audit)
    {
        if (audit.Strategy is { } chosen)
            return strategies.TryGet(chosen.Name, out var s) ? s
                : throw new StrategyFailedException($"Strategy {chosen.Name} is not available in this version of Watcher");
        return strategies.All.FirstOrDefault(s => s.GoalName == audit.Goal.Name)
            ?? throw new StrategyFailedException($"No strategy could be found to achieve the '{audit.Goal.Name}' goal.");
    }

    /// <summary>Reported indicators must be declared by the goal, required ones present, values within their schema.</summary>
    private static void CheckIndicators(IGoal goal, Solution solution)
    {
        var specs = goal.EfficacySpecification.ToDictionary(s => s.Name);
        foreach (var (name, value) in solution.Indicators)
        {
            if (!specs.TryGetValue(name, out var spec))
                throw new StrategyFailedException($"Indicator {name} is not declared by goal {goal.Name}");
            try
            {
                var number = value == Math.Floor(value) ? JsonValue.Create((long)value) : JsonValue.Create(value);
                ParameterSchema.Validate((JsonObject)JsonNode.Parse(spec.Schema)!, number);
            }
            catch (SchemaViolationException ex)
            {
                throw new StrategyFailedException($"Indicator {name} is invalid: {ex.Message}");
            }
        }
        var missing = specs.Values.FirstOrDefault(s => s.Required && !solution.Indicators.ContainsKey(s.Name));
        if (missing is not null && solution.Indicators.Count > 0)
            throw new StrategyFailedException($"Indicator {missing.Name} is required by goal {goal.Name}");
    }
}
