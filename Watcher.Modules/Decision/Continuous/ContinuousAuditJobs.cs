using Hangfire;

namespace Watcher.Modules.Decision.Continuous;

/// <summary>One tick of one continuous audit (a delayed job on the audits queue).</summary>
[AutomaticRetry(Attempts = 0)]
public sealed class ContinuousAuditTickJob(ContinuousAuditScheduler scheduler)
{
    public Task TickAsync(string auditUuid, DateTime dueUtc, CancellationToken ct) => scheduler.TickAsync(auditUuid, dueUtc, ct);
}

/// <summary>The sweep, a recurring job every ContinuousAuditInterval seconds (one process runs each occurrence).</summary>
[AutomaticRetry(Attempts = 0)]
[DisableConcurrentExecution(60)]
public sealed class ContinuousAuditSweepJob(ContinuousAuditScheduler scheduler)
{
    public const string Id = "continuous-audit-sweep";

    public Task SweepAsync(CancellationToken ct) => scheduler.SweepAsync(ct);
}
