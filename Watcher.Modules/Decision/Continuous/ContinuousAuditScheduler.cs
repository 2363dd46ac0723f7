using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Decision.Continuous;

/// <summary>
/// One tick of continuous-audit scheduling (reference §5.3): claim unowned CONTINUOUS audits for this host,
/// then make Quartz hold exactly one trigger per active owned audit (group <see cref="TriggerGroup"/>, name =
/// audit uuid), built for the audit's current interval. Cron triggers are real Quartz cron triggers, so they
/// fire on time (quirk 30 fixed) instead of being re-created a tick late.
/// </summary>
public sealed partial class ContinuousAuditScheduler(
    WatcherDbContext db, IMediator mediator, IOptions<WatcherHostOptions> host, ILogger<ContinuousAuditScheduler> log)
{
    public const string TriggerGroup = "continuous-audits";
    public const string AuditUuidKey = "audit_uuid";
    public const string IntervalKey = "interval";
    public static readonly JobKey RunJobKey = new("continuous-audit-run", "decision");

    public async Task TickAsync(IScheduler scheduler, CancellationToken ct)
    {
        var hostname = host.Value.Host;
        var now = db.UtcNow;

        var unclaimed = await db.Audits
            .Where(a => a.AuditType == AuditTypes.Continuous && a.Hostname == null
                        && (a.State == AuditStates.Pending || a.State == AuditStates.Ongoing))
            .ToListAsync(ct);
        foreach (var audit in unclaimed) audit.Hostname = hostname;

        var scheduled = await ScheduledAsync(scheduler, ct);
        var uuids = scheduled.Keys.ToList();
        var audits = await db.Audits
            .Where(a => a.AuditType == AuditTypes.Continuous
                        && (a.State == AuditStates.Pending || a.State == AuditStates.Ongoing || uuids.Contains(a.Uuid)))
            .ToListAsync(ct);

        var decisions = ContinuousAuditPlanner.Decide(audits, scheduled, hostname, now);
        foreach (var uuid in decisions.Unschedule)
        {
            await scheduler.UnscheduleJob(new TriggerKey(uuid, TriggerGroup), ct);
            LogUnscheduled(uuid);
        }
        foreach (var audit in audits.Where(a => decisions.Expired.Contains(a.Uuid))) Expire(audit, hostname);
        foreach (var plan in decisions.Schedule)
        {
            await scheduler.UnscheduleJob(new TriggerKey(plan.AuditUuid, TriggerGroup), ct);
            await scheduler.ScheduleJob(BuildTrigger(scheduler.TimeProvider, plan, now), default, ct);
            audits.Single(a => a.Uuid == plan.AuditUuid).NextRunTime = plan.Schedule.NextRunUtc;
            LogScheduled(plan.AuditUuid, plan.Interval, plan.Schedule.NextRunUtc);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// An audit's trigger fired. If the audit is still active here, hand it to the decision engine
    /// (<see cref="TriggerAudit"/>) and record its next run (even when publishing failed, as upstream).
    /// Returns false when the audit is no longer active and its trigger should go.
    /// </summary>
    public async Task<bool> FireAsync(string auditUuid, DateTime? nextFireUtc, CancellationToken ct)
    {
        var audit = await db.Audits.SingleOrDefaultAsync(a => a.Uuid == auditUuid, ct);
        if (audit is null || !ContinuousAuditPlanner.IsActive(audit, host.Value.Host, db.UtcNow)) return false;
        try
        {
            await mediator.Publish(new TriggerAudit(auditUuid), ct);
        }
        finally
        {
            await SaveNextRunAsync(audit, nextFireUtc, ct);
        }
        return true;
    }

    // The audit runner may change the audit's state (and version) meanwhile: reload and retry.
    private async Task SaveNextRunAsync(Audit audit, DateTime? next, CancellationToken ct)
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

    /// <summary>Audit uuid → interval its trigger was built for.</summary>
    public static async Task<Dictionary<string, string>> ScheduledAsync(IScheduler scheduler, CancellationToken ct)
    {
        var result = new Dictionary<string, string>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(TriggerGroup), ct))
        {
            if (await scheduler.GetTrigger(key, ct) is { } trigger)
                result[key.Name] = trigger.JobDataMap.GetString(IntervalKey) ?? "";
        }
        return result;
    }

    private static ITrigger BuildTrigger(TimeProvider time, ScheduleAudit plan, DateTime nowUtc)
    {
        var builder = TriggerBuilder.Create(time)
            .WithIdentity(plan.AuditUuid, TriggerGroup)
            .ForJob(RunJobKey)
            .UsingJobData(AuditUuidKey, plan.AuditUuid)
            .UsingJobData(IntervalKey, plan.Interval);
        return plan.Schedule switch
        {
            EverySeconds s => builder
                .StartAt(new DateTimeOffset(s.NextRunUtc, TimeSpan.Zero))
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(s.Seconds)).RepeatForever())
                .Build(),
            OnCron c => builder
                .StartAt(new DateTimeOffset(nowUtc, TimeSpan.Zero))
                .WithSchedule(CronScheduleBuilder.Create(c.QuartzCron).InTimeZone(TimeZoneInfo.Utc))
                .Build(),
            _ => throw new InvalidOperationException($"Unknown schedule {plan.Schedule}"),
        };
    }

    // The window closed: upstream writes SUCCEEDED whatever the state. The entity allows SUCCEEDED only from
    // ONGOING, so a PENDING audit that never ran is begun on this host first.
    private void Expire(Audit audit, string hostname)
    {
        if (audit.State == AuditStates.Pending) audit.BeginRun(hostname);
        audit.Succeed();
        LogExpired(audit.Uuid);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Continuous audit {AuditUuid} scheduled with interval {Interval}, next run {NextRunUtc:o}")]
    private partial void LogScheduled(string auditUuid, string interval, DateTime nextRunUtc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Continuous audit {AuditUuid} unscheduled")]
    private partial void LogUnscheduled(string auditUuid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Continuous audit {AuditUuid} reached its end time: SUCCEEDED")]
    private partial void LogExpired(string auditUuid);
}
