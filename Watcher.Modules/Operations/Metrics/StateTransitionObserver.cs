using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Operations.Metrics;

/// <summary>
/// Feeds the duration and outcome metrics from the one place every state change passes: the save of an audit,
/// action plan or action. It reads the entities' state changes (original → current) when a save starts and records
/// them once the save has committed, so no module has to call into metrics and a failed save records nothing.
/// Durations are measured in this process, from the save that moved a thing to ONGOING to the save that ended it.
/// </summary>
internal sealed class StateTransitionObserver(WatcherMetrics metrics, TimeProvider time) : ISaveChangesInterceptor
{
    private static readonly HashSet<string> ActionEnds =
        [ActionStates.Succeeded, ActionStates.Failed, ActionStates.Skipped, ActionStates.Cancelled];
    private static readonly HashSet<string> PlanEnds =
        [ActionPlanStates.Succeeded, ActionPlanStates.Failed, ActionPlanStates.Cancelled, ActionPlanStates.Superseded];

    private readonly ConditionalWeakTable<DbContext, List<Action>> _pending = new();
    private readonly ConcurrentDictionary<(string Kind, int Id), (long Since, string Type)> _running = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Record(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null) return;
        var changes = new List<Action>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Audit audit when entry.State == EntityState.Modified:
                    CaptureAudit(entry, audit, changes);
                    break;
                case ActionPlan plan when entry.State == EntityState.Added:
                    // A plan written for an audit ends that audit's run (a continuous audit stays ONGOING).
                    var auditId = plan.AuditId != 0 ? plan.AuditId : plan.Audit?.Id ?? 0;
                    changes.Add(() => EndAuditRun(auditId, "succeeded"));
                    break;
                case ActionPlan plan when entry.State == EntityState.Modified:
                    CapturePlan(entry, plan, changes);
                    break;
                case WatcherAction action when entry.State == EntityState.Modified:
                    CaptureAction(entry, action, changes);
                    break;
            }
        }
        // Contexts are pooled: what an earlier, cancelled save of this context captured must not be recorded now.
        if (changes.Count > 0) _pending.AddOrUpdate(context, changes);
        else _pending.Remove(context);
    }

    private void CaptureAudit(EntityEntry entry, Audit audit, List<Action> changes)
    {
        var from = (string)entry.Property(nameof(Audit.State)).OriginalValue!;
        var versionMoved = !Equals(entry.Property(nameof(Audit.Version)).OriginalValue, audit.Version);
        // BeginRun bumps Version even when a continuous audit is already ONGOING: that is a new run.
        if (audit.State == AuditStates.Ongoing && (from != AuditStates.Ongoing || versionMoved))
        {
            var (id, type) = (audit.Id, audit.AuditType);
            changes.Add(() => Begin("audit", id, type));
        }
        else if (from == AuditStates.Ongoing && audit.State != AuditStates.Ongoing)
        {
            var (id, outcome) = (audit.Id, audit.State.ToLowerInvariant());
            changes.Add(() => EndAuditRun(id, outcome));
        }
    }

    private void CapturePlan(EntityEntry entry, ActionPlan plan, List<Action> changes)
    {
        var from = (string)entry.Property(nameof(ActionPlan.State)).OriginalValue!;
        var (id, to) = (plan.Id, plan.State);
        if (to == ActionPlanStates.Ongoing && from != ActionPlanStates.Ongoing)
            changes.Add(() => Begin("plan", id, ""));
        else if (from is ActionPlanStates.Ongoing or ActionPlanStates.Cancelling && PlanEnds.Contains(to))
            changes.Add(() =>
            {
                if (End("plan", id) is { } run) metrics.ActionPlanDuration.WithLabels(to.ToLowerInvariant()).Observe(run.Seconds);
            });
    }

    private void CaptureAction(EntityEntry entry, WatcherAction action, List<Action> changes)
    {
        var from = (string)entry.Property(nameof(WatcherAction.State)).OriginalValue!;
        var (id, to, type) = (action.Id, action.State, action.ActionType);
        if (to == ActionStates.Ongoing && from == ActionStates.Pending)
            changes.Add(() => Begin("action", id, type));
        else if (from is ActionStates.Pending or ActionStates.Ongoing or ActionStates.Cancelling && ActionEnds.Contains(to))
            changes.Add(() =>
            {
                var outcome = to.ToLowerInvariant();
                metrics.ActionsFinished.WithLabels(type, outcome).Inc();
                if (End("action", id) is { } run) metrics.ActionDuration.WithLabels(type, outcome).Observe(run.Seconds);
            });
    }

    private void Record(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var changes)) return;
        _pending.Remove(context);
        foreach (var change in changes) change();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }

    private void Begin(string kind, int id, string type)
    {
        // Runs that never end here (the process that finishes them is another one) must not pile up.
        if (_running.Count > 10_000) _running.Clear();
        _running[(kind, id)] = (time.GetTimestamp(), type);
    }

    private (double Seconds, string Type)? End(string kind, int id) =>
        _running.TryRemove((kind, id), out var run) ? (time.GetElapsedTime(run.Since).TotalSeconds, run.Type) : null;

    private void EndAuditRun(int auditId, string outcome)
    {
        if (End("audit", auditId) is { } run) metrics.AuditRunDuration.WithLabels(run.Type, outcome).Observe(run.Seconds);
    }
}
