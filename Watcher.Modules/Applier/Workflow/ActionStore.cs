using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Applier.Workflow;

/// <summary>A plan's actions counted by state: done (succeeded or skipped), failed, cancelled, running, left to run.</summary>
internal sealed record ActionCounts(IReadOnlyDictionary<string, int> ByState)
{
    private int Of(string state) => ByState.GetValueOrDefault(state);
    public int Total => ByState.Where(kv => kv.Key != ActionStates.Deleted).Sum(kv => kv.Value);
    public int Succeeded => Of(ActionStates.Succeeded);
    public int Skipped => Of(ActionStates.Skipped);
    public int Done => Succeeded + Skipped;
    public int Failed => Of(ActionStates.Failed);
    public int Cancelled => Of(ActionStates.Cancelled);
    public int Running => Of(ActionStates.Ongoing) + Of(ActionStates.Cancelling);
    public int Pending => Of(ActionStates.Pending);
    /// <summary>Not finished yet: running or waiting to run.</summary>
    public int Left => Running + Pending;
}

/// <summary>An action as the engine sees it when the plan starts.</summary>
internal sealed record ActionSnapshot(string Uuid, string ActionType, JsonObject Parameters, IReadOnlyList<string> Parents, string State);

/// <summary>
/// Reads and writes of the engine. Tasks run in parallel, so every call takes its own DbContext scope and writes
/// in one short transaction (SQLite has a single writer; the busy timeout queues the others).
/// </summary>
internal sealed class ActionStore(IServiceScopeFactory scopes)
{
    // SQLite takes one writer at a time; queueing our own writes here avoids its busy back-off between parallel tasks.
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<string?> PlanStateAsync(string planUuid, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        return await db.ActionPlans.AsNoTracking().Where(p => p.Uuid == planUuid).Select(p => p.State).FirstOrDefaultAsync(ct);
    }

    public async Task<string?> ActionStateAsync(string actionUuid, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        return await db.Actions.AsNoTracking().Where(a => a.Uuid == actionUuid).Select(a => a.State).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ActionSnapshot>> PlanActionsAsync(string planUuid, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        var actions = await db.Actions.AsNoTracking().Where(a => a.ActionPlan.Uuid == planUuid).OrderBy(a => a.Id).ToListAsync(ct);
        return actions.Select(a => new ActionSnapshot(a.Uuid, a.ActionType, a.InputParameters.Clone()!, a.ParentUuids, a.State)).ToList();
    }

    /// <summary>How far a plan got: actions by state (one GROUP BY).</summary>
    public async Task<ActionCounts> ProgressAsync(string planUuid, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        var byState = await db.Actions.AsNoTracking().Where(a => a.ActionPlan.Uuid == planUuid)
            .GroupBy(a => a.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new ActionCounts(byState.ToDictionary(x => x.State, x => x.Count));
    }

    /// <summary>Loads one action, applies a state-machine method, saves. Illegal moves throw StateTransitionException.</summary>
    public async Task UpdateAsync(string actionUuid, Action<WatcherAction> change, CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
            var action = await db.Actions.FirstAsync(a => a.Uuid == actionUuid, ct);
            change(action);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _writer.Release();
        }
    }
}
