using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Applier.Workflow;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Applier;

/// <summary>Executes one action plan from start to final state (reference §9.2, with quirk 20 fixed).</summary>
/// <remarks>
/// Safe to run twice, from any process: the plan is claimed PENDING → ONGOING with a conditional update (its
/// version), so only one execution ever runs its actions; a second finds it taken and returns.
/// </remarks>
internal sealed partial class ActionPlanExecutor(
    IServiceScopeFactory scopes, WorkflowEngine engine, ProcessIdentity me, ILogger<ActionPlanExecutor> logger)
{
    public const string SkippedMessage = "One or more actions were skipped.";

    /// <param name="abort">Interrupts and aborts running actions (the process gives up waiting for them).</param>
    /// <param name="drain">Starts no further action (the process is stopping); running ones finish.</param>
    public async Task RunAsync(string planUuid, CancellationToken abort, CancellationToken drain = default)
    {
        var started = await BeginAsync(planUuid, abort);
        if (started is null) return;
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
                await FinishAsync(planUuid, result, error, CancellationToken.None);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
            }
        }
    }

    private sealed record Started(string? StrategyName);

    /// <summary>Claims the plan (PENDING → ONGOING, this process). Returns null when there is nothing to run.</summary>
    private async Task<Started?> BeginAsync(string planUuid, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        var plan = await db.ActionPlans.Include(p => p.Actions).Include(p => p.Strategy).FirstOrDefaultAsync(p => p.Uuid == planUuid, ct);
        if (plan is null)
        {
            LogNotRunnable(planUuid, "(missing)");
            return null;
        }
        if (plan.State == ActionPlanStates.Cancelled)
        {
            if (plan.Actions.Any(a => a.State == ActionStates.Pending))
            {
                foreach (var action in plan.Actions.Where(a => a.State == ActionStates.Pending)) action.Cancel();
                await db.SaveChangesAsync(ct);
            }
            return null;
        }
        // Only a started plan runs: RECOMMENDED waits for an operator (auto-trigger writes PENDING itself).
        if (plan.State != ActionPlanStates.Pending)
        {
            LogNotRunnable(planUuid, plan.State);
            return null;
        }
        plan.BeginExecution(me.Host, me.InstanceId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogNotRunnable(planUuid, "(claimed or changed concurrently)");
            return null;
        }
        LogStarted(planUuid, me.Host);
        return new Started(plan.Strategy?.Name);
    }

    private async Task FinishAsync(string planUuid, WorkflowResult? result, Exception? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        // Re-read: a CANCELLING set while the last action ran must end CANCELLED, not be overwritten (quirk 20 fixed).
        var plan = await db.ActionPlans.Include(p => p.Actions).FirstAsync(p => p.Uuid == planUuid, ct);
        if (plan.State is not (ActionPlanStates.Ongoing or ActionPlanStates.Cancelling))
        {
            LogNotRunnable(planUuid, plan.State);
            return;
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
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing action plan {PlanUuid} on {Host}")]
    private partial void LogStarted(string planUuid, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action plan {PlanUuid} finished: {State}")]
    private partial void LogFinished(string planUuid, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action plan {PlanUuid} not executed: its state is {State}")]
    private partial void LogNotRunnable(string planUuid, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow engine failed on action plan {PlanUuid}")]
    private partial void LogEngineFailed(string planUuid, Exception exception);
}
