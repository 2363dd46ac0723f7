using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Audits;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Decision.Continuous;

/// <summary>
/// Continuous audits on Hangfire (reference §5.3). Each active audit has one next tick: its time is the audit's
/// next_run_time and a delayed job carries it. A tick is taken by moving next_run_time on with a conditional
/// update, so of two jobs (or two processes) firing the same tick exactly one runs it; the winner schedules the
/// following tick before it runs the audit. The database is the truth: a lost job is found by the sweep (late
/// next_run_time) or at start-up, and armed again.
/// </summary>
public sealed partial class ContinuousAuditScheduler(
    WatcherDbContext db, IBackgroundJobs jobs, IMediator mediator, ProcessIdentity me,
    IOptions<ContinuousAuditOptions> options, ILogger<ContinuousAuditScheduler> log)
{
    /// <summary>
    /// How late a tick may be before the sweep arms the audit again (ticks wait behind running audits on the
    /// audits queue; a re-armed audit skips to the next point of its rhythm and the late job becomes a no-op).
    /// </summary>
    public TimeSpan Lateness => TimeSpan.FromSeconds(Math.Max(30, 3 * options.Value.ContinuousAuditInterval));

    /// <summary>A new (or resumed, or restarted-on) audit gets its next tick; a no-op when another process did it first.</summary>
    public async Task ArmAsync(string auditUuid, CancellationToken ct)
    {
        var audit = await db.Audits.SingleOrDefaultAsync(a => a.Uuid == auditUuid, ct);
        if (audit is null || !ContinuousAuditPlanner.IsActive(audit)) return;
        await ArmAsync(audit, ct);
    }

    private Task<bool> ArmAsync(Audit audit, CancellationToken ct) =>
        ArmAtAsync(audit, ContinuousAuditPlanner.FirstRun(audit.Interval, audit.NextRunTime, audit.StartTime, db.UtcNow), ct);

    private async Task<bool> ArmAtAsync(Audit audit, DateTime? first, CancellationToken ct)
    {
        if (first is not { } due) return false;
        if (!await TryMoveNextRunAsync(audit, due, ct)) return false;
        ScheduleTick(audit.Uuid, due);
        LogArmed(audit.Uuid, audit.Interval!, due);
        return true;
    }

    /// <summary>
    /// Start-up: every active audit's tick is scheduled again — at its next_run_time when that is still ahead
    /// (a duplicate of a job the storage kept is harmless), otherwise armed anew. Returns how many.
    /// </summary>
    public async Task<int> RearmAllAsync(CancellationToken ct)
    {
        var count = 0;
        foreach (var audit in await ActiveAsync(ct))
        {
            if (ContinuousAuditPlanner.IsExpired(audit, db.UtcNow)) await ExpireAsync(audit, ct);
            else if (audit.NextRunTime is { } next && next > db.UtcNow) { ScheduleTick(audit.Uuid, next); count++; }
            else if (await ArmAsync(audit, ct)) count++;
        }
        return count;
    }

    /// <summary>
    /// The safety net, every ContinuousAuditInterval seconds on one process: audits past end_time become
    /// SUCCEEDED; audits whose tick never came (never armed, or late by more than <see cref="Lateness"/>) are
    /// armed; an audit whose interval was changed to a shorter one gets its next tick on the new interval
    /// (upstream re-creates the job when the interval differs).
    /// </summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var now = db.UtcNow;
        foreach (var audit in await ActiveAsync(ct))
        {
            if (ContinuousAuditPlanner.IsExpired(audit, now)) await ExpireAsync(audit, ct);
            else if (audit.NextRunTime is null || audit.NextRunTime < now - Lateness) await ArmAsync(audit, ct);
            else if (audit.StartTime is not { } start || start <= now)
            {
                var latest = ContinuousAuditPlanner.NextRun(audit.Interval, now, now);
                if (audit.NextRunTime > latest) await ArmAtAsync(audit, latest, ct);
            }
        }
    }

    /// <summary>
    /// The tick due at <paramref name="dueUtc"/> fired. It is taken only if next_run_time still says so; then the
    /// following tick is scheduled and the audit run (skipped when the previous run still goes on, as upstream's
    /// one-instance scheduler does — the run itself checks that). Returns whether this call took the tick.
    /// </summary>
    public async Task<bool> TickAsync(string auditUuid, DateTime dueUtc, CancellationToken ct)
    {
        var audit = await db.Audits.SingleOrDefaultAsync(a => a.Uuid == auditUuid, ct);
        if (audit is null || !ContinuousAuditPlanner.IsActive(audit) || audit.NextRunTime != dueUtc) return false;
        var now = db.UtcNow;
        if (ContinuousAuditPlanner.IsExpired(audit, now))
        {
            await ExpireAsync(audit, ct);
            return false;
        }
        var next = ContinuousAuditPlanner.NextRun(audit.Interval, dueUtc, now);
        if (!await TryMoveNextRunAsync(audit, next, ct)) return false;
        if (next is { } following) ScheduleTick(audit.Uuid, following);
        LogTick(audit.Uuid, dueUtc, next);
        await mediator.Send(new RunAudit(audit.Uuid), ct);
        return true;
    }

    private void ScheduleTick(string auditUuid, DateTime dueUtc) =>
        jobs.Schedule<ContinuousAuditTickJob>(JobQueues.Audits, j => j.TickAsync(auditUuid, dueUtc, CancellationToken.None), dueUtc);

    private Task<List<Audit>> ActiveAsync(CancellationToken ct) =>
        db.Audits.Where(a => a.AuditType == AuditTypes.Continuous
                             && (a.State == AuditStates.Pending || a.State == AuditStates.Ongoing)).ToListAsync(ct);

    // The window closed: upstream writes SUCCEEDED whatever the state. The entity allows SUCCEEDED only from
    // ONGOING, so a PENDING audit that never ran is begun first.
    private async Task ExpireAsync(Audit audit, CancellationToken ct)
    {
        if (audit.State == AuditStates.Pending) audit.BeginRun(me.Host);
        audit.Succeed();
        audit.EndRun();
        audit.NextRunTime = null;
        if (await TrySaveAsync(audit, ct)) LogExpired(audit.Uuid);
    }

    /// <summary>
    /// Takes a tick (or arms one): next_run_time moves from the value this process read to <paramref name="next"/> in
    /// one conditional UPDATE, while the audit is still active — of two processes, one moves it. It leaves the row's
    /// version alone: a run going on meanwhile (one longer than the interval) still records its own end, which a
    /// version bump here made fail, leaving the audit held by that run for good and never ticking again.
    /// </summary>
    private async Task<bool> TryMoveNextRunAsync(Audit audit, DateTime? next, CancellationToken ct)
    {
        var read = audit.NextRunTime;
        var moved = await db.Audits
            .Where(a => a.Id == audit.Id && a.NextRunTime == read
                        && (a.State == AuditStates.Pending || a.State == AuditStates.Ongoing))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.NextRunTime, next), ct);
        if (moved == 0)
        {
            db.Entry(audit).State = EntityState.Detached;   // another process moved it, or the API stopped the audit
            return false;
        }
        var entry = db.Entry(audit).Property(a => a.NextRunTime);
        entry.OriginalValue = next;   // written already: the tracked audit (a run in this scope reuses it) agrees
        entry.CurrentValue = next;
        entry.IsModified = false;
        return true;
    }

    private async Task<bool> TrySaveAsync(Audit audit, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another process took this tick, or the API or a run changed the audit: its write stands.
            db.Entry(audit).State = EntityState.Detached;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Continuous audit {AuditUuid} with interval {Interval}: next run {NextRunUtc:o}")]
    private partial void LogArmed(string auditUuid, string interval, DateTime nextRunUtc);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Continuous audit {AuditUuid}: tick due {DueUtc:o} taken, next {NextUtc:o}")]
    private partial void LogTick(string auditUuid, DateTime dueUtc, DateTime? nextUtc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Continuous audit {AuditUuid} reached its end time: SUCCEEDED")]
    private partial void LogExpired(string auditUuid);
}
