using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Continuous;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Decision.Audits;

/// <summary>
/// Start-up reconciliation of the decision engine: the audits table is the truth, the job queue is rebuilt
/// from it. ONESHOT audits still PENDING get their run job again (a lost or duplicate job is harmless: the
/// run claims the audit first); CONTINUOUS audits get their next tick scheduled again. Returns (queued, armed).
/// </summary>
public sealed record ReconcileAudits : IRequest<(int Queued, int Armed)>;

public sealed class ReconcileAuditsHandler(WatcherDbContext db, IBackgroundJobs jobs, ContinuousAuditScheduler continuous)
    : IRequestHandler<ReconcileAudits, (int Queued, int Armed)>
{
    public async Task<(int Queued, int Armed)> Handle(ReconcileAudits request, CancellationToken ct)
    {
        var waiting = await db.Audits
            .Where(a => a.AuditType == AuditTypes.Oneshot && a.State == AuditStates.Pending)
            .OrderBy(a => a.Id).Select(a => a.Uuid).ToListAsync(ct);
        foreach (var uuid in waiting) AuditRunJob.Enqueue(jobs, uuid);
        var armed = await continuous.RearmAllAsync(ct);
        return (waiting.Count, armed);
    }
}

/// <summary>
/// Audits whose run belonged to a process that stopped beating can never finish. ONESHOT and EVENT ones become
/// CANCELLED with a reason (as upstream's engine does at its restart, reference §1 — here whichever process
/// notices, whatever the host names); a CONTINUOUS one is released so its next tick runs it again.
/// </summary>
public sealed partial class RecoverOrphanedAudits(
    WatcherDbContext db, ProcessIdentity me, IOptions<ServiceHeartbeatOptions> heartbeat, ILogger<RecoverOrphanedAudits> log)
    : INotificationHandler<RecoverOrphanedWork>
{
    public async Task Handle(RecoverOrphanedWork notification, CancellationToken ct)
    {
        var live = db.LiveInstances(heartbeat.Value.LivenessTimeout);
        // Unclaimed ONGOING (set through the API, or a row from before claims) gets its job a liveness period first.
        var quiet = db.UtcNow - heartbeat.Value.LivenessTimeout;
        var orphans = await db.Audits
            .Where(a => a.State == AuditStates.Ongoing
                        && (a.ClaimedBy == null
                            ? a.AuditType != AuditTypes.Continuous && (a.UpdatedAt ?? a.CreatedAt) < quiet
                            : a.ClaimedBy != me.InstanceId && !live.Contains(a.ClaimedBy)))
            .ToListAsync(ct);
        foreach (var audit in orphans)
        {
            if (audit.AuditType == AuditTypes.Continuous) audit.EndRun();
            else audit.Cancel($"Audit was cancelled because decision engine {audit.Hostname ?? "(unknown)"} was stopped while the audit was ongoing.");
            try
            {
                await db.SaveChangesAsync(ct);
                LogRecovered(audit.Uuid, audit.State);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(audit).State = EntityState.Detached;   // someone else recovered it or the API moved it: their write stands
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {AuditUuid} belonged to a process that stopped beating: now {State}")]
    private partial void LogRecovered(string auditUuid, string state);
}
