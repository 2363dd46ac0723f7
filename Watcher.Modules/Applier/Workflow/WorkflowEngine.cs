using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Shared.Notifications;
using Watcher.Modules.Shared.Plugins;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Applier.Workflow;

/// <summary>
/// What the engine reports back to the plan handler: the plan was cancelled (through the API), or the
/// process is stopping and the plan was left unfinished (its PENDING actions untouched, running ones aborted).
/// </summary>
internal sealed record WorkflowResult(bool Cancelled, bool Stopped = false);

/// <summary>
/// Runs a plan's actions as a graph (parent → child edges), up to MaxWorkers at a time and ActionTypeLimits per
/// type, the way upstream's taskflow engine does (reference §9.3). With ALWAYS, a failed action stops the plan:
/// running actions finish, nothing new starts, the rest is CANCELLED and, with rollback on, what succeeded is
/// reverted newest first (upstream HEAD runs on after a failure; ADR 28). With ANY a failure is what lets the next
/// alternative run. A cancelled plan stops scheduling, interrupts running actions and hands them to
/// <see cref="CancellationUnwinder"/>.
/// When the process stops, <c>drain</c> stops new actions from starting while running ones finish; <c>abort</c>
/// (after the grace period) interrupts and aborts those still running.
/// </summary>
internal sealed partial class WorkflowEngine(
    ActionStore store, ActionTask task, CancellationUnwinder unwinder, PluginCatalog<IAction> catalog,
    IOptions<WorkflowEngineOptions> options, IOptions<ApplierOptions> applierOptions, TimeProvider time, ILogger<WorkflowEngine> logger,
    Notifier? notifier = null)
{
    public async Task<WorkflowResult> ExecuteAsync(
        string planUuid, string? strategyName, CancellationToken abort, CancellationToken drain = default)
    {
        var actions = await store.PlanActionsAsync(planUuid, abort);
        var rule = Rule(strategyName);
        var graph = new ActionGraph(actions, rule, options.Value.ActionTypeLimits);
        using var planCancel = CancellationTokenSource.CreateLinkedTokenSource(abort);
        using var monitorStop = new CancellationTokenSource();
        var monitor = WatchForCancellationAsync(planUuid, planCancel, monitorStop.Token);

        var running = new List<Task<(ActionSnapshot Action, TaskOutcome Outcome)>>();
        var maxWorkers = Math.Max(1, options.Value.MaxWorkers);
        var cancelled = false;
        string? firstFailed = null;   // with ALWAYS, a failure stops the plan: nothing new starts after it
        Exception? failure = null;
        try
        {
            while (true)
            {
                if (!cancelled && firstFailed is null && failure is null && !planCancel.IsCancellationRequested && !drain.IsCancellationRequested)
                {
                    foreach (var next in graph.TakeReady(maxWorkers - running.Count))
                    {
                        // A cancellation interrupts only what can be aborted; the rest finishes (only the process giving up stops it).
                        var interruptedBy = unwinder.CanAbort(next) ? planCancel.Token : abort;
                        running.Add(Task.Run(async () => (next, await task.RunAsync(next, planUuid, interruptedBy))));
                    }
                }
                if (running.Count == 0) break;
                var done = await Task.WhenAny(running);
                running.Remove(done);
                try
                {
                    var (action, outcome) = await done;
                    if (outcome == TaskOutcome.Interrupted)
                    {
                        cancelled = true;
                        planCancel.Cancel(); // interrupt the siblings still running
                        continue;
                    }
                    graph.Complete(action.Uuid, outcome == TaskOutcome.Succeeded);
                    if (outcome == TaskOutcome.Failed && rule == EdgeRule.Always) firstFailed ??= action.Uuid;
                    await LogProgressAsync(planUuid, action);
                }
                catch (Exception e)
                {
                    // Infrastructure failure (database...): let running tasks finish, start nothing new, then
                    // report. A task torn down by the abort is not one: the unwinding below records it.
                    if (!abort.IsCancellationRequested) failure ??= e;
                }
            }
        }
        finally
        {
            monitorStop.Cancel();
            await monitor;
        }
        if (failure is not null && !abort.IsCancellationRequested)
            throw new InvalidOperationException($"Workflow engine failed: {failure.Message}", failure);
        // The unwinding must run even when the process is stopping: it records what became of each action.
        if (abort.IsCancellationRequested || drain.IsCancellationRequested && graph.Unreached.Count > 0)
        {
            await unwinder.AbortRunningAsync(planUuid, CancellationToken.None);
            return new WorkflowResult(Cancelled: false, Stopped: true);
        }
        cancelled |= planCancel.IsCancellationRequested;
        if (cancelled)
        {
            // Upstream's engine announces the cancellation once, when it first sees it.
            if (notifier is not null) await notifier.ActionPlanAsync(planUuid, "cancel", "start");
            await unwinder.CancelAsync(planUuid, CancellationToken.None);
            return new WorkflowResult(Cancelled: true);
        }
        await SkipIgnoredAsync(graph);
        if (firstFailed is not null) await CancelAfterFailureAsync(planUuid, graph, firstFailed);
        else await FailUnreachedAsync(planUuid, graph, CancellationToken.None);
        if (graph.AnyFailed && applierOptions.Value.RollbackWhenActionplanFailed)
            await unwinder.RollbackAsync(graph.SucceededInOrder, actions, CancellationToken.None);
        return new WorkflowResult(Cancelled: false);
    }

    /// <summary>One log line per finished action, with the plan's progress (what the dashboard shows).</summary>
    private async Task LogProgressAsync(string planUuid, ActionSnapshot action)
    {
        try
        {
            var counts = await store.ProgressAsync(planUuid);
            LogActionFinished(planUuid, action.Uuid, action.ActionType, await store.ActionStateAsync(action.Uuid) ?? "?",
                counts.Done, counts.Failed, counts.Left, counts.Total);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMonitorFailed(planUuid, e);
        }
    }

    /// <summary>With ANY, the alternatives not needed are SKIPPED and say which parent made them unnecessary.</summary>
    private async Task SkipIgnoredAsync(ActionGraph graph)
    {
        foreach (var (uuid, reason) in graph.Ignored)
            await store.UpdateAsync(uuid, a => { if (a.State == ActionStates.Pending) a.Skip($"Action was skipped automatically: {reason}"); });
    }

    /// <summary>An action failed (ALWAYS): the actions it kept from starting are CANCELLED and say why.</summary>
    private async Task CancelAfterFailureAsync(string planUuid, ActionGraph graph, string failed)
    {
        LogStoppedAfterFailure(planUuid, failed, graph.Unreached.Count);
        foreach (var uuid in graph.Unreached)
            await store.UpdateAsync(uuid, a => { if (a.State == ActionStates.Pending) a.Cancel($"Action was cancelled because action {failed} failed."); });
    }

    /// <summary>Actions whose parents form a cycle can never start; they fail instead of staying PENDING unnoticed.</summary>
    private async Task FailUnreachedAsync(string planUuid, ActionGraph graph, CancellationToken ct)
    {
        foreach (var uuid in graph.Unreached)
        {
            LogCycle(planUuid, uuid);
            await store.UpdateAsync(uuid, a => a.Fail("Action failed in pre_condition: its parents form a cycle"), ct);
            graph.Complete(uuid, succeeded: false);
        }
    }

    private EdgeRule Rule(string? strategyName) =>
        strategyName is not null && options.Value.ActionExecutionRule.TryGetValue(strategyName, out var rule)
            && string.Equals(rule, "ANY", StringComparison.OrdinalIgnoreCase)
            ? EdgeRule.Any
            : EdgeRule.Always;

    /// <summary>Cancellation is cooperative: re-read the plan state now and then and interrupt the running actions.</summary>
    private async Task WatchForCancellationAsync(string planUuid, CancellationTokenSource planCancel, CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.001, applierOptions.Value.CancellationPollInterval));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, time, stop);
                string? state;
                try
                {
                    state = await store.PlanStateAsync(planUuid, stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogMonitorFailed(planUuid, e); // a busy database must not end the watch
                    continue;
                }
                if (state is ActionPlanStates.Cancelling or ActionPlanStates.Cancelled)
                {
                    LogCancellationSeen(planUuid);
                    planCancel.Cancel();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The graph finished first.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action plan {PlanUuid} is being cancelled: interrupting its running actions")]
    private partial void LogCancellationSeen(string planUuid);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Action plan {PlanUuid}: action {ActionUuid} ({ActionType}) ended {State}; {Done} done, {Failed} failed, {Left} left of {Total}")]
    private partial void LogActionFinished(string planUuid, string actionUuid, string actionType, string state, int done, int failed, int left, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action plan {PlanUuid}: action {ActionUuid} failed; {Count} actions not started are cancelled")]
    private partial void LogStoppedAfterFailure(string planUuid, string actionUuid, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Action plan {PlanUuid}: action {ActionUuid} is on a cycle of parents and cannot run")]
    private partial void LogCycle(string planUuid, string actionUuid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read the state of action plan {PlanUuid}")]
    private partial void LogMonitorFailed(string planUuid, Exception exception);
}
