using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Applier;

/// <summary>What the applier does once at start (reference §9.7 and the action_descriptions sync).</summary>
internal sealed partial class ApplierStartup(
    IServiceScopeFactory scopes, PluginCatalog<IAction> catalog, ActionPlanQueue queue, ApplierHost host, ILogger<ApplierStartup> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        await SyncDescriptionsAsync(db, ct);
        await CancelInterruptedPlansAsync(db, ct);
        await RequeuePendingPlansAsync(db, ct);
    }

    /// <summary>One row per registered action type; the text follows the code.</summary>
    private async Task SyncDescriptionsAsync(WatcherDbContext db, CancellationToken ct)
    {
        var rows = await db.ActionDescriptions.IgnoreQueryFilters().ToListAsync(ct);
        foreach (var action in catalog.All)
        {
            var row = rows.FirstOrDefault(r => r.ActionType == action.Name);
            if (row is null) db.ActionDescriptions.Add(new ActionDescription { ActionType = action.Name, Description = action.Description });
            else if (row.Description != action.Description) row.Description = action.Description;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Plans this host was running when it stopped cannot resume: cancel them with upstream's messages.</summary>
    private async Task CancelInterruptedPlansAsync(WatcherDbContext db, CancellationToken ct)
    {
        var plans = await db.ActionPlans.Include(p => p.Actions)
            .Where(p => p.Hostname == host.Name && (p.State == ActionPlanStates.Ongoing || p.State == ActionPlanStates.Cancelling))
            .ToListAsync(ct);
        var reason = $"because Applier {host.Name} was stopped while the action plan was ongoing.";
        foreach (var plan in plans)
        {
            foreach (var action in plan.Actions.Where(a => a.State is ActionStates.Pending or ActionStates.Ongoing or ActionStates.Cancelling))
                action.Cancel($"Action was cancelled {reason}");
            plan.Cancel($"Action plan was cancelled {reason}");
            LogCancelled(plan.Uuid, host.Name);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Our queue lives in memory (upstream's is a durable message queue): plans left PENDING are launched again.</summary>
    private async Task RequeuePendingPlansAsync(WatcherDbContext db, CancellationToken ct)
    {
        var pending = await db.ActionPlans.Where(p => p.State == ActionPlanStates.Pending)
            .OrderBy(p => p.Id).Select(p => p.Uuid).ToListAsync(ct);
        foreach (var uuid in pending) queue.Enqueue(uuid);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action plan {PlanUuid} was ongoing when applier {Host} stopped: cancelled")]
    private partial void LogCancelled(string planUuid, string host);
}
