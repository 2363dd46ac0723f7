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

/// <remarks>
/// Safe to run twice, from any process: the audit is claimed first (a conditional update on its version), so
/// of two jobs for one run only one goes on. The plan, the older recommendations it replaces, the audit's
/// SUCCEEDED and the auto-triggered plan's PENDING are written in one transaction: a crash leaves either all of
/// them or none (then the audit, still claimed by a dead process, is recovered).
/// </remarks>
public sealed partial class RunAuditHandler(
    WatcherDbContext db,
    IMediator mediator,
    StrategyRunner runner,
    ProcessIdentity me,
    IOptions<ServiceHeartbeatOptions> heartbeat,
    ILogger<RunAuditHandler> logger,
    Notifier? notifier = null) : IRequestHandler<RunAudit, Unit>
{
    public async Task<Unit> Handle(RunAudit request, CancellationToken ct)
    {
        var audit = await db.Audits.Include(a => a.Goal).Include(a => a.Strategy)
            .SingleOrDefaultAsync(a => a.Uuid == request.AuditUuid, ct);
        if (audit is null || !await MayStartAsync(audit, ct)) return Unit.Value;

        audit.BeginRun(me.Host, me.InstanceId);
        if (!await TrySaveAsync(ct)) return Unit.Value;   // another process claimed it, or the API changed it
        LogStarted(audit.Uuid, audit.Goal.Name);

        try
        {
            var outcome = await AroundAsync(audit.Uuid, "strategy", () => runner.RunAsync(audit, ct), ct);
            var (written, launch) = await WasStoppedAsync(audit, ct) ? (false, null) : await WritePlanAsync(audit, outcome, ct);
            if (!written) await ReleaseClaimAsync(audit, ct);
            else if (launch is not null) await mediator.Publish(new LaunchActionPlan(launch), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await StopInterruptedAsync(audit.Uuid);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, audit.Uuid, ex.Message);
            db.ChangeTracker.Clear();
            var fresh = await db.Audits.SingleAsync(a => a.Uuid == audit.Uuid, ct);
            if (fresh.State is AuditStates.Ongoing or AuditStates.Pending)
            {
                fresh.Fail();
                fresh.EndRun();
                fresh.StatusMessage = Truncate(ex.Message);
                await TrySaveAsync(ct);
            }
        }
        return Unit.Value;
    }

    /// <summary>
    /// audit.strategy.* / audit.planner.*: start, then end, or error (with the fault) when it throws. Inside the
    /// plan's transaction the end waits for the commit, behind the plan's own create events, as upstream orders them.
    /// </summary>
    private async Task<T> AroundAsync<T>(string auditUuid, string step, Func<Task<T>> work, CancellationToken ct, bool endAtCommit = false)
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
        await notifier.AuditAsync(auditUuid, step, "end", ct: ct, atCommitOf: endAtCommit ? db : null);
        return result;
    }

    /// <summary>
    /// Step 3–6 in one transaction. The planner works in this request's unit of work (the scoped DbContext the
    /// mediator hands its handler), so its plan commits or rolls back with the audit. Returns the plan to launch.
    /// </summary>
    private async Task<(bool Written, string? Launch)> WritePlanAsync(Audit audit, Audits.StrategyOutcome outcome, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (audit.AuditType == AuditTypes.Continuous) await CancelOlderRecommendationsAsync(audit, ct);
        var planUuid = await AroundAsync(audit.Uuid, "planner", () => mediator.Send(new CreateActionPlan(audit.Uuid,
            outcome.Strategy.Name, outcome.Strategy.PlannerName, outcome.Solution, outcome.GlobalEfficacy), ct), ct, endAtCommit: true);
        var launch = audit.AutoTrigger && outcome.Solution.Actions.Count > 0;
        // Auto-trigger writes the plan PENDING (upstream goes RECOMMENDED → ONGOING): a plan waiting for the
        // applier is then visibly waiting, and start-up launches it again if the process dies first.
        if (launch) (await db.ActionPlans.SingleAsync(p => p.Uuid == planUuid, ct)).Start();
        if (audit.AuditType != AuditTypes.Continuous) audit.Succeed();
        audit.EndRun();
        if (!await TrySaveAsync(ct))
        {
            LogChangedWhileWriting(audit.Uuid);   // the API stopped the audit meanwhile: nothing is written
            return (false, null);
        }
        await transaction.CommitAsync(ct);
        LogPlanned(audit.Uuid, planUuid, outcome.Solution.Actions.Count);
        return (true, launch ? planUuid : null);
    }

    /// <summary>
    /// A run that ends without writing (the audit was stopped meanwhile) lets go of the audit if it still holds it,
    /// else a SUSPENDED continuous audit resumed later would look held by this live process, and skip every tick.
    /// </summary>
    private Task ReleaseClaimAsync(Audit audit, CancellationToken ct) =>
        db.Audits.IgnoreQueryFilters().Where(a => a.Id == audit.Id && a.ClaimedBy == me.InstanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClaimedBy, (string?)null), ct);

    /// <summary>
    /// Upstream's pre-execute: unless forced, nothing runs while another plan is being applied (a ONESHOT audit is
    /// then CANCELLED). Then the audit must be waiting for this kind of run and not be held by a live process.
    /// </summary>
    private async Task<bool> MayStartAsync(Audit audit, CancellationToken ct)
    {
        // ONGOING with no claim: moved there through the API before its job ran; nobody runs it yet.
        var unclaimedOngoing = audit.State == AuditStates.Ongoing && audit.ClaimedBy is null;
        var runnable = audit.AuditType switch
        {
            AuditTypes.Oneshot => audit.State == AuditStates.Pending || unclaimedOngoing,
            AuditTypes.Event => audit.State is AuditStates.Pending or AuditStates.Succeeded || unclaimedOngoing,
            _ => audit.State is AuditStates.Pending or AuditStates.Ongoing && !audit.IsDeleted,
        };
        if (!runnable) return false;
        if (audit.ClaimedBy is { } holder && await IsLiveAsync(holder, ct))
        {
            LogAlreadyRunning(audit.Uuid);
            return false;
        }
        if (audit.Force || !await db.ActionPlans.AnyAsync(p => p.State == ActionPlanStates.Ongoing, ct)) return true;

        LogBlockedByOngoingPlan(audit.Uuid);
        if (audit.AuditType == AuditTypes.Oneshot)
        {
            audit.Cancel();
            await TrySaveAsync(ct);
        }
        return false;
    }

    private Task<bool> IsLiveAsync(string instance, CancellationToken ct) =>
        instance == me.InstanceId ? Task.FromResult(true) : db.LiveInstances(heartbeat.Value.LivenessTimeout).ContainsAsync(instance, ct);

    /// <summary>A continuous audit's newer solution replaces its older, never-started recommendations.</summary>
    private async Task CancelOlderRecommendationsAsync(Audit audit, CancellationToken ct)
    {
        var stale = await db.ActionPlans.Include(p => p.Actions)
            .Where(p => p.AuditId == audit.Id && p.State == ActionPlanStates.Recommended).ToListAsync(ct);
        foreach (var plan in stale) plan.Cancel();
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

    /// <summary>
    /// The process is stopping and the run was cut short: say so now rather than leave it to a recovery. ONESHOT
    /// and EVENT audits are CANCELLED as at an upstream engine restart; a CONTINUOUS one is released.
    /// </summary>
    private async Task StopInterruptedAsync(string auditUuid)
    {
        try
        {
            db.ChangeTracker.Clear();
            var fresh = await db.Audits.SingleAsync(a => a.Uuid == auditUuid, CancellationToken.None);
            if (fresh.State != AuditStates.Ongoing || fresh.ClaimedBy != me.InstanceId) return;
            if (fresh.AuditType == AuditTypes.Continuous) fresh.EndRun();
            else fresh.Cancel($"Audit was cancelled because decision engine {me.Host} was stopped while the audit was ongoing.");
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            LogFailed(ex, auditUuid, "could not record the interruption; recovery will");
        }
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
            return false;   // the API (or another process) changed the audit first; its decision stands
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditUuid} is being run by a live process; this trigger is skipped")]
    private partial void LogAlreadyRunning(string auditUuid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditUuid} changed while its action plan was being written; no action plan written")]
    private partial void LogChangedWhileWriting(string auditUuid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditUuid} became {State} while running; no action plan written")]
    private partial void LogStoppedWhileRunning(string auditUuid, string state);
}
