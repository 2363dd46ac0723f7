using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Shared.Notifications;

/// <summary>An event to publish: its type, priority and payload (the envelope is stamped on publishing).</summary>
public sealed record NotificationEvent(string EventType, string Priority, VersionedPayload Payload);

/// <summary>
/// Publishes Watcher's notifications in-process (MediatR) with upstream's envelope: publisher_id
/// "infra-optim:&lt;host&gt;", a message id and a UTC timestamp; filtered by Watcher:Notifications:Level.
/// A failing subscriber is logged and never fails the work that emitted the event.
/// The lifecycle events (strategy, planner, execution, cancel) are published through the helpers below, which read
/// the subject's current row; create/update/delete events come from <see cref="EntityChangeNotifier"/>.
/// </summary>
public sealed partial class Notifier(
    IServiceScopeFactory scopes,
    UncommittedNotifications uncommitted,
    IOptions<NotificationOptions> options,
    IOptions<WatcherHostOptions> host,
    TimeProvider time,
    ILogger<Notifier> logger)
{
    public const string PublisherPrefix = "infra-optim";

    public Task PublishAsync(string eventType, string priority, VersionedPayload payload, CancellationToken ct = default) =>
        PublishAsync([new NotificationEvent(eventType, priority, payload)], ct);

    /// <summary>
    /// Publishes now, or — when <paramref name="atCommitOf"/> is inside a transaction — when that transaction
    /// commits (dropped if it rolls back), after the events of the saves made in it so far.
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<NotificationEvent> events, CancellationToken ct = default, DbContext? atCommitOf = null)
    {
        if (atCommitOf is not null && uncommitted.TryDefer(atCommitOf, events)) return;
        var emitted = events.Where(e => options.Value.Emits(e.Priority)).ToList();
        if (emitted.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var publisher = $"{PublisherPrefix}:{host.Value.Host}";
            foreach (var e in emitted)
            {
                var notification = new WatcherNotification(e.EventType, e.Priority, publisher, e.Payload,
                    time.GetUtcNow().UtcDateTime, Guid.NewGuid().ToString());
                await mediator.Publish(notification, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogPublishFailed(ex, emitted[0].EventType);
        }
    }

    /// <summary>audit.strategy.* / audit.planner.* (AuditActionPayload); an error phase carries the fault.</summary>
    public Task AuditAsync(string auditUuid, string action, string phase, Exception? fault = null, CancellationToken ct = default,
        DbContext? atCommitOf = null) =>
        FromDatabaseAsync(atCommitOf, async db =>
        {
            var audit = await db.Audits.IgnoreQueryFilters().AsNoTracking().Include(a => a.Goal).Include(a => a.Strategy)
                .SingleOrDefaultAsync(a => a.Uuid == auditUuid, ct);
            if (audit is null) return null;
            return new NotificationEvent($"audit.{action}.{phase}", PriorityOf(phase), Payloads.Audit("AuditActionPayload",
                audit, audit.Goal, audit.Strategy, fault: Fault(fault), withFault: true));
        }, ct);

    /// <summary>action_plan.execution.* (ActionPlanActionPayload) and action_plan.cancel.* (ActionPlanCancelPayload).</summary>
    public Task ActionPlanAsync(string planUuid, string action, string phase, Exception? fault = null, CancellationToken ct = default) =>
        FromDatabaseAsync(null, async db =>
        {
            var plan = await db.ActionPlans.IgnoreQueryFilters().AsNoTracking().Include(p => p.Strategy)
                .Include(p => p.Audit).ThenInclude(a => a.Goal).SingleOrDefaultAsync(p => p.Uuid == planUuid, ct);
            if (plan is null) return null;
            var name = action == "cancel" ? "ActionPlanCancelPayload" : "ActionPlanActionPayload";
            return new NotificationEvent($"action_plan.{action}.{phase}", PriorityOf(phase), Payloads.ActionPlan(name, plan,
                plan.Audit, plan.Audit.Goal.Uuid, plan.Strategy, fault: Fault(fault), withFault: true));
        }, ct);

    /// <summary>action.execution.* (ActionExecutionPayload) and action.cancel.* (ActionCancelPayload).</summary>
    public Task ActionAsync(string actionUuid, string action, string phase, Exception? fault = null, CancellationToken ct = default) =>
        FromDatabaseAsync(null, async db =>
        {
            var row = await db.Actions.IgnoreQueryFilters().AsNoTracking()
                .Include(a => a.ActionPlan).ThenInclude(p => p.Audit).ThenInclude(a => a.Strategy)
                .SingleOrDefaultAsync(a => a.Uuid == actionUuid, ct);
            if (row is null) return null;
            var plan = Payloads.TerseActionPlan(row.ActionPlan, row.ActionPlan.Audit.Uuid, row.ActionPlan.Audit.Strategy?.Uuid);
            var name = action == "cancel" ? "ActionCancelPayload" : "ActionExecutionPayload";
            return new NotificationEvent($"action.{action}.{phase}", PriorityOf(phase),
                Payloads.Action(name, row, plan, fault: Fault(fault), withFault: true));
        }, ct);

    private async Task FromDatabaseAsync(DbContext? atCommitOf, Func<WatcherDbContext, Task<NotificationEvent?>> build, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Level)) return;
        NotificationEvent? e;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            e = await build(scope.ServiceProvider.GetRequiredService<WatcherDbContext>());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogPublishFailed(ex, "(lifecycle event)");
            return;
        }
        if (e is not null) await PublishAsync([e], ct, atCommitOf);
    }

    private static string PriorityOf(string phase) => phase == "error" ? NotificationPriority.Error : NotificationPriority.Info;

    private static VersionedPayload? Fault(Exception? fault) => fault is null ? null : Payloads.Fault(fault);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing notification {EventType} failed")]
    private partial void LogPublishFailed(Exception ex, string eventType);
}
