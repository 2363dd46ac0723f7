using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Applier.Conflicts;
using Watcher.Modules.Applier.Workflow;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Notifications;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Applier;

/// <summary>Executes one action plan from start to final state (reference §9.2, with quirk 20 fixed).</summary>
/// <remarks>
/// Safe to run twice, from any process: the plan is claimed PENDING → ONGOING with a conditional update (its
/// version), so only one execution ever runs its actions; a second finds it taken and returns.
/// </remarks>
internal sealed partial class ActionPlanExecutor(
    IServiceScopeFactory scopes, WorkflowEngine engine, PlanClaims claims, ActivePlans active, ProcessIdentity me,
    ILogger<ActionPlanExecutor> logger, Notifier? notifier = null)
{
    public const string SkippedMessage = "One or more actions were skipped.";

    /// <param name="abort">Interrupts and aborts running actions (the process gives up waiting for them).</param>
    /// <param name="drain">Starts no further action (the process is stopping); running ones finish.</param>
    /// <returns>What became of the request: ran, not runnable, or waiting for a plan acting on the same resources.</returns>
    public async Task<ExecutionOutcome> RunAsync(string planUuid, CancellationToken abort, CancellationToken drain = default)
    {
        if (!active.TryEnter(planUuid)) return ExecutionOutcome.NotRunnable;   // this process runs it already
        try
        {
            return await RunClaimedAsync(planUuid, abort, drain);
        }
        finally
        {
            active.Exit(planUuid);
        }
    }

    private async Task<ExecutionOutcome> RunClaimedAsync(string planUuid, CancellationToken abort, CancellationToken drain)
    {
        var claim = await claims.ClaimAsync(planUuid, abort);
        if (claim.Outcome != ExecutionOutcome.Ran) return claim.Outcome;
        var started = new Started(claim.StrategyName);
        LogStarted(planUuid, me.Host);
        await NotifyAsync(planUuid, "execution", "start", null);
        WorkflowResult? result = null;
        Exception? error = null;
        try
        {
            result = await engine.ExecuteAsync(planUuid, started.StrategyName, abort, drain);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            result = new WorkflowResult(Cancelled: false, Stopped: true);
        }
        catch (Exception e)
        {
            LogEngineFailed(planUuid, e);
            error = e;
        }
        // The API may change the plan (CANCELLING) between our read and write: retry on the version conflict.
        // The final state is written even when the process is stopping: that is the point of the grace period.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (finalState, wasCancelling) = await FinishAsync(planUuid, result, error, CancellationToken.None);
                await NotifyFinishedAsync(planUuid, finalState, wasCancelling, error);
                return ExecutionOutcome.Ran;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
            }
        }
    }

    private sealed record Started(string? StrategyName);

    /// <summary>
    /// Upstream's handler: execution.end when the plan succeeded, execution.error (ERROR) when it failed,
    /// cancel.end when it was cancelled (cancel.error if a cancelling plan ended FAILED).
    /// </summary>
    private Task NotifyFinishedAsync(string planUuid, string? state, bool wasCancelling, Exception? error) => state switch
    {
        ActionPlanStates.Succeeded => NotifyAsync(planUuid, "execution", "end", null),
        ActionPlanStates.Cancelled => NotifyAsync(planUuid, "cancel", "end", null),
        ActionPlanStates.Failed when wasCancelling => NotifyAsync(planUuid, "cancel", "error", error),
        ActionPlanStates.Failed => NotifyAsync(planUuid, "execution", "error", error),
        _ => Task.CompletedTask,
    };

    private Task NotifyAsync(string planUuid, string action, string phase, Exception? fault) =>
        notifier?.ActionPlanAsync(planUuid, action, phase, fault) ?? Task.CompletedTask;

    /// <summary>
    /// Writes the plan's final state; returns it (null when the plan was no longer this run's to finish, or is left
    /// for recovery) and whether the plan was being cancelled.
    /// </summary>
    private async Task<(string? State, bool WasCancelling)> FinishAsync(string planUuid, WorkflowResult? result, Exception? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        // Re-read: a CANCELLING set while the last action ran must end CANCELLED, not be overwritten (quirk 20 fixed).
        var plan = await db.ActionPlans.Include(p => p.Actions).FirstAsync(p => p.Uuid == planUuid, ct);
        if (plan.State is not (ActionPlanStates.Ongoing or ActionPlanStates.Cancelling))
        {
            LogNotRunnable(planUuid, plan.State);
            return (null, false);
        }
        var wasCancelling = plan.State == ActionPlanStates.Cancelling;
        if (result is { Stopped: true } && plan.Actions.Any(a => a.State is ActionStates.Ongoing or ActionStates.Cancelling))
        {
            // An action that cannot be aborted was still running when the grace period ended: the next live process
            // takes the plan over and reads from the cloud what it did (RecoverActionPlanJob).
            LogLeftForRecovery(planUuid);
            return (null, false);
        }
        if (result is { Stopped: true }) StoppedApplier.Cancel(plan, me.Host);
        else if (error is not null) plan.Fail();
        else if (result!.Cancelled || plan.State == ActionPlanStates.Cancelling) plan.Cancel();
        else if (plan.Actions.Any(a => a.State == ActionStates.Failed)) plan.Fail();
        else plan.Succeed();
        if (error is null && plan.State != ActionPlanStates.Cancelled && plan.Actions.Any(a => a.State == ActionStates.Skipped))
            plan.StatusMessage = SkippedMessage;
        await db.SaveChangesAsync(ct);
        LogFinished(planUuid, plan.State);
        return (plan.State, wasCancelling);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing action plan {PlanUuid} on {Host}")]
    private partial void LogStarted(string planUuid, string host);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Action plan {PlanUuid} left ONGOING: an action that cannot be aborted was still running when this process stopped")]
    private partial void LogLeftForRecovery(string planUuid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action plan {PlanUuid} finished: {State}")]
    private partial void LogFinished(string planUuid, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action plan {PlanUuid} not executed: its state is {State}")]
    private partial void LogNotRunnable(string planUuid, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow engine failed on action plan {PlanUuid}")]
    private partial void LogEngineFailed(string planUuid, Exception exception);
}
