using System.Globalization;
using Quartz;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Modules.Decision.Continuous;

/// <summary>How one audit is to be fired: every N seconds from a first time, or on a (Quartz) cron.</summary>
public abstract record AuditSchedule(DateTime NextRunUtc);
public sealed record EverySeconds(int Seconds, DateTime NextRunUtc) : AuditSchedule(NextRunUtc);
public sealed record OnCron(string QuartzCron, DateTime NextRunUtc) : AuditSchedule(NextRunUtc);

/// <summary>(Re)create the trigger of an audit for its current interval.</summary>
public sealed record ScheduleAudit(string AuditUuid, string Interval, AuditSchedule Schedule);

/// <summary>What one scheduler tick changes: triggers to drop, triggers to (re)create, audits whose window closed.</summary>
public sealed record ContinuousAuditDecisions(
    IReadOnlyList<string> Unschedule, IReadOnlyList<ScheduleAudit> Schedule, IReadOnlyList<string> Expired);

/// <summary>
/// The decisions of upstream's continuous-audit tick (reference §5.3), free of the clock, the database and
/// Quartz: given the audits, the triggers that exist (audit uuid → interval they were made for), this host and
/// now, say what to unschedule, schedule and expire.
/// </summary>
public static class ContinuousAuditPlanner
{
    public static ContinuousAuditDecisions Decide(
        IEnumerable<Audit> audits, IReadOnlyDictionary<string, string> scheduled, string host, DateTime nowUtc)
    {
        var byUuid = audits.ToDictionary(a => a.Uuid);
        var unschedule = scheduled.Keys
            .Where(uuid => !byUuid.TryGetValue(uuid, out var audit) || !IsActive(audit, host, nowUtc))
            .ToList();

        var schedule = new List<ScheduleAudit>();
        var expired = new List<string>();
        foreach (var audit in byUuid.Values)
        {
            if (!IsRunnable(audit, host)) continue;
            if (audit.StartTime is { } start && start > nowUtc) continue;
            if (audit.EndTime is { } end && end < nowUtc)
            {
                expired.Add(audit.Uuid);
                continue;
            }
            if (audit.Interval is not { } interval) continue;
            if (scheduled.TryGetValue(audit.Uuid, out var current) && current == interval) continue;
            if (FirstRun(interval, audit.NextRunTime, nowUtc) is { } first)
                schedule.Add(new ScheduleAudit(audit.Uuid, interval, first));
        }
        return new ContinuousAuditDecisions(unschedule, schedule, expired);
    }

    /// <summary>Whether a continuous audit may run here now: owned, PENDING/ONGOING, inside its window.</summary>
    public static bool IsActive(Audit audit, string host, DateTime nowUtc) =>
        IsRunnable(audit, host)
        && !(audit.StartTime is { } start && start > nowUtc)
        && !(audit.EndTime is { } end && end < nowUtc);

    // Upstream keeps a job for any state outside CANCELLED/DELETED/FAILED/SUSPENDED (a SUCCEEDED one too);
    // only PENDING/ONGOING audits are ever scheduled, so only they keep their trigger here.
    private static bool IsRunnable(Audit audit, string host) =>
        audit.AuditType == AuditTypes.Continuous
        && !audit.IsDeleted
        && audit.State is AuditStates.Pending or AuditStates.Ongoing
        && audit.Hostname == host;

    /// <summary>
    /// First fire of a (re)created trigger. Seconds: now for a never-run audit; after a restart, the next
    /// point of the audit's old rhythm (now + interval − (now − last) mod interval); a future planned run is
    /// kept. Cron: the next cron time after now. Null when the interval is neither.
    /// </summary>
    public static AuditSchedule? FirstRun(string interval, DateTime? lastNextRunUtc, DateTime nowUtc)
    {
        if (TryParseSeconds(interval, out var seconds))
        {
            var first = lastNextRunUtc switch
            {
                null => nowUtc,
                { } last when last < nowUtc =>
                    nowUtc.AddSeconds(seconds - (long)(nowUtc - last).TotalSeconds % seconds),
                { } last => last,
            };
            return new EverySeconds(seconds, first);
        }
        if (!CronTranslator.TryToQuartz(interval, out var quartz)) return null;
        return NextCronTime(quartz, nowUtc) is { } next ? new OnCron(quartz, next) : null;
    }

    public static DateTime? NextCronTime(string quartzCron, DateTime afterUtc)
    {
        var expression = new CronExpression(quartzCron, TimeZoneInfo.Utc);
        return expression.GetNextValidTimeAfter(new DateTimeOffset(afterUtc, TimeSpan.Zero))?.UtcDateTime;
    }

    /// <summary>Upstream's is_int_like: an integer count of seconds (only positive ones make sense).</summary>
    public static bool TryParseSeconds(string interval, out int seconds) =>
        int.TryParse(interval.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds) && seconds > 0;
}
