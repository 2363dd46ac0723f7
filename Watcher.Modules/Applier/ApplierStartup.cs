using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Plugins;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Modules.Applier;

/// <summary>
/// What the applier does once at start: the action_descriptions sync, and the job queue rebuilt from the
/// action_plans table — every PENDING plan is launched again (a job the storage still holds makes a harmless
/// duplicate: the execution claims the plan first). ONGOING plans are the orphan recovery's business.
/// </summary>
internal sealed class ApplierStartup(IServiceScopeFactory scopes, PluginCatalog<IAction> catalog, IBackgroundJobs jobs)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        await SyncDescriptionsAsync(db, ct);
        var pending = await db.ActionPlans.Where(p => p.State == ActionPlanStates.Pending)
            .OrderBy(p => p.Id).Select(p => p.Uuid).ToListAsync(ct);
        foreach (var uuid in pending) ActionPlanJob.Enqueue(jobs, uuid);
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
}
