using System.Globalization;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Modules.Decision.Continuous;

/// <summary>
/// The time arithmetic of continuous audits (reference §5.3), free of the clock, the database and the job
/// system. Times are whole milliseconds so they survive every database's timestamp precision unchanged (a
/// tick is matched against next_run_time by equality).
/// </summary>
public static class ContinuousAuditPlanner
{
    /// <summary>PENDING or ONGOING, not deleted: the audit keeps a next tick.</summary>
    public static bool IsActive(Audit audit) =>
        audit.AuditType == AuditTypes.Continuous && !audit.IsDeleted && audit.State is AuditStates.Pending or AuditStates.Ongoing;

    public static bool IsExpired(Audit audit, DateTime nowUtc) => audit.EndTime is { } end && end < nowUtc;

    /// <summary>
    /// When a (re)armed audit first runs. Seconds: now for a never-run audit; after a restart, the next point of
    /// its old rhythm (now + interval − (now − last) mod interval), as upstream. Cron: the next cron time after
    /// now. Never before start_time. Null when the interval is neither.
    /// </summary>
    public static DateTime? FirstRun(string? interval, DateTime? lastNextRunUtc, DateTime? startUtc, DateTime nowUtc)
    {
        var from = startUtc is { } start && start > nowUtc ? start : nowUtc;
        if (TryParseSeconds(interval, out var seconds))
        {
            if (lastNextRunUtc is not { } last || from > nowUtc) return Whole(from);
            if (last >= nowUtc) return Whole(last);
            var behind = (long)(nowUtc - last).TotalSeconds % seconds;
            return Whole(nowUtc.AddSeconds(seconds - behind));
        }
        return UnixCron.TryParse(interval ?? "", out var cron) ? Whole(cron!.Next(from.AddTicks(-1))) : null;
    }

    /// <summary>
    /// The tick after the one due at <paramref name="dueUtc"/>: the next point of the rhythm after now (a late
    /// tick does not cause a burst of catch-up runs), or the next cron time after now.
    /// </summary>
    public static DateTime? NextRun(string? interval, DateTime dueUtc, DateTime nowUtc)
    {
        if (TryParseSeconds(interval, out var seconds))
        {
            var next = dueUtc.AddSeconds(seconds);
            if (next <= nowUtc) next = dueUtc.AddSeconds(seconds * (Math.Floor((nowUtc - dueUtc).TotalSeconds / seconds) + 1));
            return Whole(next);
        }
        return UnixCron.TryParse(interval ?? "", out var cron) ? Whole(cron!.Next(dueUtc > nowUtc ? dueUtc : nowUtc)) : null;
    }

    /// <summary>Upstream's is_int_like: an integer count of seconds (only positive ones make sense).</summary>
    public static bool TryParseSeconds(string? interval, out int seconds)
    {
        seconds = 0;
        return interval is not null
            && int.TryParse(interval.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds) && seconds > 0;
    }

    public static DateTime Whole(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static DateTime? Whole(DateTime? utc) => utc is { } t ? Whole(t) : null;
}
