using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Modules.Api.Audits;

/// <summary>
/// A continuous audit's interval: a positive number of seconds or a 5-field Unix cron. Upstream answered 500
/// for a bad cron (reference §19 item 1); we answer 400 with the same message. The cron rules are the
/// scheduler's own (UnixCron), so what the API accepts is exactly what can be scheduled.
/// </summary>
public static class AuditInterval
{
    public static void Validate(string interval)
    {
        if (long.TryParse(interval, out var seconds))
        {
            if (seconds <= 0) throw new InvalidRequestException($"Provided cron is invalid: interval must be a positive number of seconds, got {interval}");
            return;
        }
        try
        {
            UnixCron.Parse(interval);
        }
        catch (FormatException ex)
        {
            throw new InvalidRequestException(ex.Message);
        }
    }
}
