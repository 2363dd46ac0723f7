using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Notifications;
using Watcher.Modules.Shared.Services;
using Watcher.Modules.Planner.Contracts;

namespace Watcher.Modules.Decision.Audits;

/// <summary>One run of an audit, from PENDING to a written action plan (reference §5.2).</summary>
public sealed record RunAudit(string AuditUuid) : IRequest<Unit>;

public sealed partial class RunAuditHandler(
    WatcherDbContext db,
    IMediator mediator,
    StrategyRunner runner,
    IOptions<WatcherHostOptions> host,
    ILogger<RunAuditHandler> logger,
    Notifier? notifier = null) : IRequestHandler<RunAudit, Unit>
{
    public async Task<Unit> Handle(RunAudit request, CancellationToken ct)
    {
        var audit = await db.Audits.Include(a => a.Goal).Include(a => a.Strategy)
            .SingleOrDefaultAsync(a => a.Uuid == request.AuditUuid, ct);
        if (audit is null || !await MayStartAsync(audit, ct)) return Unit.Value;

        audit.BeginRun(host.Value.Host);
        if (!await TrySaveAsync(ct)) return Unit.Value;   // cancelled through the API meanwhile
        LogStarted(audit.Uuid, audit.Goal.Name);

        try
        {
            var outcome = await AroundAsync(audit.Uuid, "strategy", () => runner.RunAsync(audit, ct), ct);
            if (audit.AuditType == AuditTypes.Continuous) await CancelOlderRecommendationsAsync(audit, ct);
            if (await WasStoppedAsync(audit, ct)) return Unit.Value;

            var planUuid = await AroundAsync(audit.Uuid, "planner", () => mediator.Send(new CreateActionPlan(audit.Uuid,
                outcome.Strategy.Name, outcome.Strategy.PlannerName, outcome.Solution, outcome.GlobalEfficacy), ct), ct);
            LogPlanned(audit.Uuid, planUuid, outcome.Solution.Actions.Count);

            if (audit.AuditType != AuditTypes.Continuous) audit.Succeed();
            if (!await TrySaveAsync(ct)) return Unit.Value;
            if (audit.AutoTrigger && outcome.Solution.Actions.Count > 0)
                await mediator.Publish(new LaunchActionPlan(planUuid), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, audit.Uuid, ex.Message);
            db.ChangeTracker.Clear();
            var fresh = await db.Audits.SingleAsync(a => a.Uuid == audit.Uuid, ct);
            if (fresh.State is AuditStates.Ongoing or AuditStates.Pending)
            {
                fresh.Fail();
                fresh.StatusMessage = Truncate(ex.Message);
                await TrySaveAsync(ct);
            }
        }
        return Unit.Value;
    }

    /// <summary>audit.strategy.* / audit.planner.*: start, then end, or error (with the fault) when it throws.</summary>
    private async Task<T> AroundAsync<T>(string auditUuid, string step, Func<Task<T>> work, CancellationToken ct)
    {
        if (notifier is null) return await work();
        await notifier.AuditAsync(auditUuid, step, "start", ct: ct);
        T result;
        try
        {
            result = await work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await notifier.AuditAsync(auditUuid, step, "error", ex, ct);
            throw;
        }
        await notifier.AuditAsync(auditUuid, step, "end", ct: ct);
        return result;
    }

    /// <summary>
    /// Upstream's pre-execute: unless forced, nothing runs while another plan is being applied (a ONESHOT audit is
    /// then CANCELLED); a cancelled or otherwise finished audit is left alone.
    /// </summary>
    private async Task<bool> MayStartAsync(Audit audit, CancellationToken ct)
    {
        var runnable = audit.State is AuditStates.Pending or AuditStates.Ongoing
            || audit.State == AuditStates.Succeeded && audit.AuditType == AuditTypes.Event;
        if (!runnable) return false;
        if (audit.Force || !await db.ActionPlans.AnyAsync(p => p.State == ActionPlanStates.Ongoing, ct)) return true;

        LogBlockedByOngoingPlan(audit.Uuid);
        if (audit.AuditType == AuditTypes.Oneshot)
        {
            audit.Cancel();
            await TrySaveAsync(ct);
        }
        return false;
    }

    /// <summary>A continuous audit's newer solution replaces its older, never-started recommendations.</summary>
    private async Task CancelOlderRecommendationsAsync(Audit audit, CancellationToken ct)
    {
        var stale = await db.ActionPlans.Include(p => p.Actions)
            .Where(p => p.AuditId == audit.Id && p.State == ActionPlanStates.Recommended).ToListAsync(ct);
        foreach (var plan in stale) plan.Cancel();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Cancelling (or suspending) an ONGOING audit stops it before a plan is written — upstream overwrote the
    /// cancellation (reference §19 item 34, fixed).
    /// </summary>
    private async Task<bool> WasStoppedAsync(Audit audit, CancellationToken ct)
    {
        var state = await db.Audits.AsNoTracking().Where(a => a.Id == audit.Id).Select(a => a.State).SingleAsync(ct);
        if (state == AuditStates.Ongoing) return false;
        LogStoppedWhileRunning(audit.Uuid, state);
        return true;
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;   // the API changed the audit's state first; its decision stands
        }
    }

    private static string Truncate(string message) => message.Length <= 255 ? message : message[..255];

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditUuid} started for goal {Goal}")]
    private partial void LogStarted(string auditUuid, string goal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditUuid} produced action plan {ActionPlanUuid} with {ActionCount} actions")]
    private partial void LogPlanned(string auditUuid, string actionPlanUuid, int actionCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {AuditUuid} failed: {Reason}")]
    private partial void LogFailed(Exception ex, string auditUuid, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditUuid} not run: an action plan is ONGOING and force is false")]
    private partial void LogBlockedByOngoingPlan(string auditUuid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditUuid} became {State} while running; no action plan written")]
    private partial void LogStoppedWhileRunning(string auditUuid, string state);
}
