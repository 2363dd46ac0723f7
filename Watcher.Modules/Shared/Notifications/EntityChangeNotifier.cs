using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Shared.Notifications;

/// <summary>
/// Upstream emits audit/action_plan/action .create, .update and .delete from its objects' create(), save() and
/// soft_delete(). Every write of ours goes through the one DbContext, so this interceptor sees them all: it notes
/// what is being saved (with the state before the save) and, once the save succeeded, publishes the matching
/// notifications — creates first, then updates, then deletes (a soft delete is an update to DELETED followed by
/// a delete, as upstream's soft_delete() saves first). A save inside an explicit transaction (an audit run writes
/// its plan and its new state together) is announced when the transaction commits, and not at all if it rolls back.
/// </summary>
public sealed class EntityChangeNotifier(Notifier notifier, UncommittedNotifications uncommitted)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private enum Kind { Create, Update, Delete }

    private sealed record Change(Kind Kind, Entity Entity, string? OldState);

    private readonly ConditionalWeakTable<DbContext, List<Change>> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        await PublishAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PublishAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) _pending.Remove(context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) _pending.Remove(context);
        return Task.CompletedTask;
    }

    // Contexts are pooled: events of an earlier transaction of this context that was disposed without a commit or a
    // rollback (an exception on the way) must never go out with this one's.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Discard(eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) => PublishCommittedAsync(eventData.Context, cancellationToken);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        PublishCommittedAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Discard(eventData.Context);

    private async Task PublishCommittedAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not null && uncommitted.Take(context) is { Count: > 0 } events) await notifier.PublishAsync(events, ct);
    }

    private void Discard(DbContext? context)
    {
        if (context is not null) uncommitted.Take(context);
    }

    private void Capture(DbContext? context)
    {
        if (context is null) return;
        var changes = new List<Change>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is not (Audit or ActionPlan or WatcherAction)) continue;
            var entity = (Entity)entry.Entity;
            switch (entry.State)
            {
                case EntityState.Added:
                    changes.Add(new Change(Kind.Create, entity, null));
                    break;
                case EntityState.Modified:
                    changes.Add(new Change(Kind.Update, entity, OldState(entry)));
                    var deletedAt = entry.Property(nameof(Entity.DeletedAt));
                    if (deletedAt.IsModified && deletedAt.OriginalValue is null && deletedAt.CurrentValue is not null)
                        changes.Add(new Change(Kind.Delete, entity, null));
                    break;
            }
        }
        if (changes.Count > 0) _pending.AddOrUpdate(context, changes);
        else _pending.Remove(context);
    }

    private static string? OldState(EntityEntry entry)
    {
        var state = entry.Property("State");
        return state.IsModified && !Equals(state.OriginalValue, state.CurrentValue) ? state.OriginalValue as string : null;
    }

    private async Task PublishAsync(DbContext? context, CancellationToken ct)
    {
        if (context is null || !_pending.TryGetValue(context, out var changes)) return;
        _pending.Remove(context);
        var subjects = await NotificationSubjects.LoadAsync(context, changes.Select(c => c.Entity), ct);
        var ordered = changes.OrderBy(c => c.Kind).ThenBy(c => Rank(c.Entity, c.Kind));
        var events = ordered.Select(c => Build(c, subjects)).OfType<NotificationEvent>().ToList();
        await notifier.PublishAsync(events, ct, atCommitOf: context);
    }

    /// <summary>Creates and updates go parent first (audit, plan, action); deletes child first, as upstream cascades.</summary>
    private static int Rank(Entity entity, Kind kind)
    {
        var rank = entity switch { Audit => 0, ActionPlan => 1, _ => 2 };
        return kind == Kind.Delete ? -rank : rank;
    }

    private static NotificationEvent? Build(Change change, NotificationSubjects subjects)
    {
        var verb = change.Kind.ToString().ToLowerInvariant();
        var payloadVerb = change.Kind.ToString();
        switch (change.Entity)
        {
            case Audit audit when subjects.Goal(audit.GoalId) is { } goal:
                var auditUpdate = change.Kind == Kind.Update
                    ? Payloads.StateUpdate("Audit", change.OldState, audit.State, audit.StatusMessage) : null;
                return new NotificationEvent($"audit.{verb}", NotificationPriority.Info, Payloads.Audit(
                    $"Audit{payloadVerb}Payload", audit, goal, subjects.Strategy(audit.StrategyId), auditUpdate));
            case ActionPlan plan when subjects.Audit(plan.AuditId) is { } audit
                                      && subjects.Goal(audit.GoalId) is { } goal
                                      && subjects.Strategy(plan.StrategyId) is { } strategy:
                var planUpdate = change.Kind == Kind.Update
                    ? Payloads.StateUpdate("ActionPlan", change.OldState, plan.State, plan.StatusMessage) : null;
                return new NotificationEvent($"action_plan.{verb}", NotificationPriority.Info, Payloads.ActionPlan(
                    $"ActionPlan{payloadVerb}Payload", plan, audit, goal.Uuid, strategy, planUpdate));
            case WatcherAction action when subjects.Plan(action.ActionPlanId) is { } plan
                                           && subjects.Audit(plan.AuditId) is { } audit:
                var actionUpdate = change.Kind == Kind.Update
                    ? Payloads.StateUpdate("Action", change.OldState, action.State, action.StatusMessage) : null;
                return new NotificationEvent($"action.{verb}", NotificationPriority.Info, Payloads.Action(
                    $"Action{payloadVerb}Payload", action, subjects.TersePlan(plan, audit), actionUpdate));
            default:
                return null;
        }
    }
}
