using MediatR;
using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Planner.Contracts;

/// <summary>
/// Decision → Planner: turn a strategy's solution into a persisted action plan (RECOMMENDED, or SUCCEEDED when
/// empty) with its actions and efficacy indicators. Returns the new plan's UUID.
/// </summary>
public sealed record CreateActionPlan(
    string AuditUuid,
    string StrategyName,
    string PlannerName,
    Solution Solution,
    IReadOnlyList<EfficacyValue> GlobalEfficacy) : IRequest<string>;

