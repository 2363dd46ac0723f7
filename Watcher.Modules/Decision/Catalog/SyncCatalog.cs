using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Scoring;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Decision.Catalog;

/// <summary>
/// Writes the goals, strategies and scoring engines built into this binary into the database (upstream
/// watcher-sync, run at decision-engine start; reference §3.4). Unchanged rows keep their UUID; a changed
/// definition gets a new row.
/// </summary>
public sealed record SyncCatalog : IRequest<Unit>;

public sealed partial class SyncCatalogHandler(
    WatcherDbContext db,
    PluginCatalog<IGoal> goals,
    PluginCatalog<IStrategy> strategies,
    ILogger<SyncCatalogHandler> logger,
    PluginCatalog<IScoringEngine>? scoringEngines = null) : IRequestHandler<SyncCatalog, Unit>
{
    public async Task<Unit> Handle(SyncCatalog request, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var goalRows = await SyncGoalsAsync(ct);
        await SyncStrategiesAsync(goalRows, ct);
        await SyncScoringEnginesAsync(ct);
        await tx.CommitAsync(ct);
        return Unit.Value;
    }

    private async Task<Dictionary<string, Goal>> SyncGoalsAsync(CancellationToken ct)
    {
        var live = await db.Goals.ToDictionaryAsync(g => g.Name, ct);
        var result = new Dictionary<string, Goal>();
        foreach (var goal in goals.All)
        {
            var spec = new JsonArray(goal.EfficacySpecification.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name, ["description"] = s.Description, ["unit"] = s.Unit, ["schema"] = s.Schema,
            }).ToArray());
            if (live.Remove(goal.Name, out var row) && row.DisplayName == goal.DisplayName
                && row.EfficacySpecification.ToJsonString() == spec.ToJsonString())
            {
                result[goal.Name] = row;
                continue;
            }
            var fresh = new Goal { Name = goal.Name, DisplayName = goal.DisplayName, EfficacySpecification = spec };
            db.Goals.Add(fresh);
            if (row is not null) await ReplaceGoalAsync(row, fresh, ct);
            result[goal.Name] = fresh;
        }
        foreach (var removed in live.Values) await RemoveGoalAsync(removed, ct);
        await db.SaveChangesAsync(ct);
        return result;
    }

    private async Task SyncStrategiesAsync(Dictionary<string, Goal> goalRows, CancellationToken ct)
    {
        var live = await db.Strategies.Include(s => s.Goal).ToDictionaryAsync(s => s.Name, ct);
        foreach (var strategy in strategies.All)
        {
            if (!goalRows.TryGetValue(strategy.GoalName, out var goal))
                throw new InvalidOperationException($"Strategy {strategy.Name} names unknown goal {strategy.GoalName}");
            var spec = strategy.ParametersSchema;
            if (live.Remove(strategy.Name, out var row) && row.DisplayName == strategy.DisplayName
                && row.Goal == goal && row.ParametersSpec.ToJsonString() == spec.ToJsonString())
                continue;
            var fresh = new Strategy { Name = strategy.Name, DisplayName = strategy.DisplayName, Goal = goal, ParametersSpec = spec };
            db.Strategies.Add(fresh);
            if (row is not null) await ReplaceStrategyAsync(row, fresh, ct);
        }
        foreach (var removed in live.Values) await RemoveStrategyAsync(removed, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Scoring engines have no dependants: a changed one is replaced, a vanished one soft-deleted.</summary>
    private async Task SyncScoringEnginesAsync(CancellationToken ct)
    {
        var live = await db.ScoringEngines.ToDictionaryAsync(e => e.Name, ct);
        foreach (var engine in scoringEngines?.All ?? [])
        {
            if (live.Remove(engine.Name, out var row) && row.Description == engine.Description && row.Metainfo == engine.Metainfo)
                continue;
            if (row is not null)
            {
                LogReplaced("scoring engine", row.Name);
                row.SoftDelete(db.UtcNow);
            }
            db.ScoringEngines.Add(new ScoringEngine { Name = engine.Name, Description = engine.Description, Metainfo = engine.Metainfo });
        }
        foreach (var removed in live.Values)
        {
            LogRemoved("scoring engine", removed.Name);
            removed.SoftDelete(db.UtcNow);
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task ReplaceGoalAsync(Goal old, Goal fresh, CancellationToken ct)
    {
        LogReplaced("goal", old.Name);
        old.SoftDelete(db.UtcNow);
        foreach (var t in await db.AuditTemplates.Where(t => t.GoalId == old.Id).ToListAsync(ct)) t.Goal = fresh;
        foreach (var a in await db.Audits.Where(a => a.GoalId == old.Id).ToListAsync(ct)) a.Goal = fresh;
    }

    private async Task RemoveGoalAsync(Goal old, CancellationToken ct)
    {
        LogRemoved("goal", old.Name);
        old.SoftDelete(db.UtcNow);
        foreach (var a in await db.Audits.Where(a => a.GoalId == old.Id).ToListAsync(ct)) CancelIfUnfinished(a);
    }

    /// <summary>Re-point dependants; unfinished audits and plans made with the old definition are cancelled
    /// (upstream also cancelled finished ones — decisions.md item 22).</summary>
    private async Task ReplaceStrategyAsync(Strategy old, Strategy fresh, CancellationToken ct)
    {
        LogReplaced("strategy", old.Name);
        old.SoftDelete(db.UtcNow);
        foreach (var t in await db.AuditTemplates.Where(t => t.StrategyId == old.Id).ToListAsync(ct)) t.Strategy = fresh;
        foreach (var a in await db.Audits.Where(a => a.StrategyId == old.Id).ToListAsync(ct)) { a.Strategy = fresh; CancelIfUnfinished(a); }
        foreach (var p in await db.ActionPlans.Include(p => p.Actions).Where(p => p.StrategyId == old.Id).ToListAsync(ct))
        {
            p.Strategy = fresh;
            CancelIfUnfinished(p);
        }
    }

    private async Task RemoveStrategyAsync(Strategy old, CancellationToken ct)
    {
        LogRemoved("strategy", old.Name);
        old.SoftDelete(db.UtcNow);
        foreach (var t in await db.AuditTemplates.Where(t => t.StrategyId == old.Id).ToListAsync(ct)) t.StrategyId = null;
        foreach (var a in await db.Audits.Where(a => a.StrategyId == old.Id).ToListAsync(ct)) CancelIfUnfinished(a);
        foreach (var p in await db.ActionPlans.Include(p => p.Actions).Where(p => p.StrategyId == old.Id).ToListAsync(ct))
            CancelIfUnfinished(p);
    }

    private static void CancelIfUnfinished(Audit audit)
    {
        if (audit.State is AuditStates.Pending or AuditStates.Ongoing or AuditStates.Suspended) audit.Cancel();
    }

    private static void CancelIfUnfinished(ActionPlan plan)
    {
        if (plan.State is ActionPlanStates.Recommended or ActionPlanStates.Pending or ActionPlanStates.Ongoing
            or ActionPlanStates.Cancelling) plan.Cancel();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog sync: {Kind} {Name} changed; new row written")]
    private partial void LogReplaced(string kind, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog sync: {Kind} {Name} no longer exists; row removed")]
    private partial void LogRemoved(string kind, string name);
}
