using Hangfire;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Decision.Continuous;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Modules.Decision.Audits;

/// <summary>
/// The Hangfire job of one audit run on the "audits" queue (MaxAuditWorkers workers). No automatic retry: a
/// run that failed has FAILED the audit, and one interrupted by a crash is recovered from the database.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class AuditRunJob(IMediator mediator)
{
    public Task RunAsync(string auditUuid, CancellationToken ct) => mediator.Send(new RunAudit(auditUuid), ct);

    public static void Enqueue(IBackgroundJobs jobs, string auditUuid) =>
        jobs.Enqueue<AuditRunJob>(JobQueues.Audits, j => j.RunAsync(auditUuid, CancellationToken.None));
}

/// <summary>
/// Upstream's trigger_audit cast: returns at once. A ONESHOT or EVENT audit gets a run job; a CONTINUOUS one
/// gets its first tick (at once for seconds, at the next cron time for cron, §5.3).
/// </summary>
public sealed class EnqueueTriggeredAudit(WatcherDbContext db, IBackgroundJobs jobs, ContinuousAuditScheduler continuous)
    : INotificationHandler<TriggerAudit>
{
    public async Task Handle(TriggerAudit notification, CancellationToken ct)
    {
        var type = await db.Audits.Where(a => a.Uuid == notification.AuditUuid).Select(a => a.AuditType).SingleOrDefaultAsync(ct);
        if (type == AuditTypes.Continuous) await continuous.ArmAsync(notification.AuditUuid, ct);
        else AuditRunJob.Enqueue(jobs, notification.AuditUuid);
    }
}
