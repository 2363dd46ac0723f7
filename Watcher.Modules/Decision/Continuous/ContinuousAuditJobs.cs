using Microsoft.Extensions.Logging;
using Quartz;

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

/// <summary>An audit's trigger fired: run it if still active, else drop the trigger.</summary>
public sealed class ContinuousAuditRunJob(ContinuousAuditScheduler scheduler) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var uuid = context.Trigger.JobDataMap.GetString(ContinuousAuditScheduler.AuditUuidKey)
            ?? throw new InvalidOperationException("continuous-audit trigger without an audit uuid");
        if (!await scheduler.FireAsync(uuid, context.NextFireTimeUtc?.UtcDateTime, ct))
            await context.Scheduler.UnscheduleJob(context.Trigger.Key, ct);
    }
}
