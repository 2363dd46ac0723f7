using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Decision.Continuous;

/// <summary>The periodic tick (every Watcher:DecisionEngine:ContinuousAuditInterval seconds).</summary>
public sealed partial class ContinuousAuditTickJob(ContinuousAuditScheduler scheduler, ILogger<ContinuousAuditTickJob> log) : IJob
{
    public static readonly JobKey Key = new("continuous-audit-tick", "decision");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            await scheduler.TickAsync(context.Scheduler, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A lost race with the API or the audit runner; the next tick starts from the database again.
            LogTickFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Continuous audit scheduling tick failed")]
    private partial void LogTickFailed(Exception ex);
}

/// <summary>
/// An audit's trigger fired: if the audit is still active here, hand it to the decision engine
/// (<see cref="TriggerAudit"/>) and record when it runs next (even when publishing failed, as upstream).
/// </summary>
public sealed class ContinuousAuditRunJob(WatcherDbContext db, IMediator mediator, IOptions<WatcherHostOptions> host) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var uuid = context.Trigger.JobDataMap.GetString(ContinuousAuditScheduler.AuditUuidKey);
        var audit = await db.Audits.SingleOrDefaultAsync(a => a.Uuid == uuid, ct);
        if (audit is null || !ContinuousAuditPlanner.IsActive(audit, host.Value.Host, db.UtcNow))
        {
            await context.Scheduler.UnscheduleJob(context.Trigger.Key, ct);
            return;
        }
        try
        {
            await mediator.Publish(new TriggerAudit(uuid), ct);
        }
        finally
        {
            await SaveNextRunAsync(audit, context.NextFireTimeUtc?.UtcDateTime, ct);
        }
    }

    // The audit runner may change the audit's state (and version) meanwhile: reload and retry.
    private async Task SaveNextRunAsync(Persistence.Entities.Audit audit, DateTime? next, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            audit.NextRunTime = next;
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                await db.Entry(audit).ReloadAsync(ct);
            }
        }
    }
}
