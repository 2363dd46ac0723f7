using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Persistence.Faults;
using Watcher.Modules.Shared.Operations;

namespace Watcher.Modules.Operations.Metrics;

/// <summary>
/// Figures read when Prometheus scrapes rather than kept up to date: audits and plans by state (two GROUP BY
/// queries), the job queues' lengths, and the storage's health. In a deployment of several processes on one
/// database every process reports the same state counts: aggregate them with max(), not sum().
/// </summary>
internal sealed class ScrapeTimeGauges(
    WatcherMetrics metrics, IServiceScopeFactory scopes, StorageHealth storage, IEnumerable<IJobQueueLengths> queues)
{
    private static readonly string[] AuditStatesShown = AuditStates.All.Where(s => s != AuditStates.Deleted).ToArray();
    private static readonly string[] PlanStatesShown = ActionPlanStates.All.Where(s => s != ActionPlanStates.Deleted).ToArray();

    public void Register()
    {
        // Every kind shows from the start (at 0), so rate() and alerts work before the first fault.
        foreach (var kind in Enum.GetValues<StorageFaultKind>()) metrics.StorageFaults.WithLabels(StorageFault.LabelOf(kind));
        metrics.Registry.AddBeforeCollectCallback(CollectAsync);
    }

    private async Task CollectAsync(CancellationToken ct)
    {
        foreach (var queue in queues.SelectMany(q => q.Measure()))
            metrics.JobQueueLength.WithLabels(queue.Queue).Set(queue.Waiting);
        foreach (var (fault, count) in storage.FaultCounts)
            metrics.StorageFaults.WithLabels(fault).IncTo(count);
        metrics.DatabaseUp.Set(await CountStatesAsync(ct) && storage.Current is null ? 1 : 0);
    }

    private async Task<bool> CountStatesAsync(CancellationToken ct)
    {
        if (storage.RefusesAccess) return false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
            var audits = await db.Audits.GroupBy(a => new { a.State, a.AuditType })
                .Select(g => new { g.Key.State, g.Key.AuditType, Count = g.Count() }).ToListAsync(ct);
            var plans = await db.ActionPlans.GroupBy(p => p.State)
                .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);

            foreach (var state in AuditStatesShown)
                foreach (var type in AuditTypes.All)
                    metrics.Audits.WithLabels(state, type).Set(audits.Where(a => a.State == state && a.AuditType == type).Sum(a => a.Count));
            foreach (var state in PlanStatesShown)
                metrics.ActionPlans.WithLabels(state).Set(plans.Where(p => p.State == state).Sum(p => p.Count));
            return true;
        }
        catch (Exception e) when (storage.Classify(e) is not null)
        {
            return false;   // the storage fault is logged where it happened; the scrape still answers
        }
    }
}
