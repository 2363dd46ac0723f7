using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.AuditTemplates;

/// <summary>The checks create and update share: goal/strategy resolution and coherence, default parameters, unique name.</summary>
public static class TemplateRules
{
    public static async Task<Goal> ResolveGoal(WatcherDbContext db, string? ident, CancellationToken ct) =>
        (ident is null || Wire.IsInt(ident) ? null : await db.FindGoal(ident, ct))
        ?? throw new InvalidRequestException($"Goal {ident} is invalid");

    public static async Task<Strategy?> ResolveStrategy(WatcherDbContext db, string? ident, Goal goal, CancellationToken ct)
    {
        if (ident is null) return null;
        var strategy = await db.FindStrategy(ident, ct) ?? throw new InvalidRequestException($"Strategy {ident} is invalid");
        if (strategy.GoalId != goal.Id)
        {
            var choices = await db.Strategies.Where(s => s.GoalId == goal.Id).OrderBy(s => s.Id)
                .Select(s => "'" + s.Uuid + "' (" + s.Name + ")").ToListAsync(ct);
            throw new InvalidRequestException(
                $"'{strategy.Name}' strategy does relate to the '{goal.Name}' goal. Possible choices: {string.Join(", ", choices)}");
        }
        return strategy;
    }

    /// <summary>Stored as given (no defaults injected); empty means none.</summary>
    public static JsonObject? CheckDefaultParameters(JsonObject? parameters, Strategy? strategy)
    {
        if (parameters is null || parameters.Count == 0) return null;
        if (strategy is null) throw new InvalidRequestException("default_parameters requires a strategy to be specified");
        StrategyParameters.Check(strategy, parameters, applyDefaults: false, "default_parameters");
        return parameters;
    }

    public static async Task EnsureUniqueName(WatcherDbContext db, string name, int exceptId, CancellationToken ct)
    {
        if (await db.AuditTemplates.AnyAsync(t => t.Name == name && t.Id != exceptId, ct))
            throw new ConflictException($"An audit_template with UUID or name {name} already exists");
    }
}
