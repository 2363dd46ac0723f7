using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Planner.Contracts;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Planner;

/// <summary>
/// Persists a strategy's solution as an action plan (reference §8): the named planner orders the actions, then the
/// plan (RECOMMENDED, or SUCCEEDED when empty), its efficacy indicators and its PENDING actions are written in one
/// SaveChanges.
/// </summary>
public sealed class CreateActionPlanHandler(WatcherDbContext db, PluginCatalog<IPlanner> planners, IOptions<PlannerOptions>? options = null)
    : IRequestHandler<CreateActionPlan, string>
{
    public async Task<string> Handle(CreateActionPlan request, CancellationToken cancellationToken)
    {
        var audit = await db.Audits.SingleOrDefaultAsync(a => a.Uuid == request.AuditUuid, cancellationToken)
            ?? throw new NotFoundException($"Audit {request.AuditUuid} could not be found");
        var strategy = await db.Strategies.Include(s => s.Goal)
            .SingleOrDefaultAsync(s => s.Name == request.StrategyName, cancellationToken)
            ?? throw new NotFoundException($"Strategy {request.StrategyName} could not be found");

        var planned = planners.Get((options?.Value ?? new PlannerOptions()).Choose(request.PlannerName)).Schedule(request.Solution);

        var plan = new ActionPlan
        {
            AuditId = audit.Id,
            StrategyId = strategy.Id,
            GlobalEfficacy = new JsonArray(request.GlobalEfficacy.Select(ToJson).ToArray<JsonNode?>()),
        };
        var specs = IndicatorSpecs(strategy.Goal.EfficacySpecification);
        foreach (var (name, value) in request.Solution.Indicators)
        {
            specs.TryGetValue(name, out var spec);
            plan.EfficacyIndicators.Add(new EfficacyIndicator
            {
                Name = name, Description = spec.Description, Unit = spec.Unit, Value = value,
            });
        }
        foreach (var action in planned)
        {
            plan.Actions.Add(new WatcherAction
            {
                Uuid = action.Uuid,
                ActionType = action.ActionType,
                InputParameters = action.InputParameters,
                Parents = action.Parents is null ? null : new JsonArray(action.Parents.Select(p => (JsonNode?)p).ToArray()),
            });
        }
        if (planned.Count == 0) plan.MarkEmpty();

        db.ActionPlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return plan.Uuid;
    }

    private static JsonObject ToJson(EfficacyValue value) => new()
    {
        ["name"] = value.Name,
        ["description"] = value.Description,
        ["unit"] = value.Unit,
        ["value"] = value.Value,
    };

    /// <summary>Description and unit per indicator, from the goal row's efficacy_specification.</summary>
    private static Dictionary<string, (string? Description, string? Unit)> IndicatorSpecs(JsonArray specification) =>
        specification.OfType<JsonObject>()
            .Where(s => s["name"] is JsonValue)
            .ToDictionary(
                s => s["name"]!.GetValue<string>(),
                s => (s["description"] is JsonValue d ? d.GetValue<string>() : null,
                      s["unit"] is JsonValue u ? u.GetValue<string>() : null));
}
