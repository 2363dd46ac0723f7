using Microsoft.Extensions.Logging;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Cloud;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Notifications;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Applier.Workflow;

/// <summary>
/// The engine's unwinding (reference §9.3 "revert"): on cancellation, running actions are aborted and pending
/// ones cancelled; after a failure, succeeded actions are reverted when rollback is enabled.
/// </summary>
internal sealed partial class CancellationUnwinder(
    PluginCatalog<IAction> catalog, ActionStore store, IComputeCloud cloud, TimeProvider time, ILogger<CancellationUnwinder> logger,
    Notifier? notifier = null)
{
    public async Task CancelAsync(string planUuid, CancellationToken ct)
    {
        foreach (var action in await store.PlanActionsAsync(planUuid, ct))
        {
            if (action.State == ActionStates.Pending)
            {
                await Notify(action, "start");
                await store.UpdateAsync(action.Uuid, a => a.Cancel(), ct);
                await Notify(action, "end");
            }
            else if (action.State == ActionStates.Ongoing && CanAbort(action)) await AbortAsync(action, ct);
        }
    }

    /// <summary>
    /// The process is stopping: the actions still running that can be aborted are; PENDING ones are left to the plan
    /// handler, and so are running ones that cannot be aborted (they stay ONGOING for the next process to reconcile).
    /// </summary>
    public async Task AbortRunningAsync(string planUuid, CancellationToken ct)
    {
        foreach (var action in await store.PlanActionsAsync(planUuid, ct))
            if (action.State == ActionStates.Ongoing && CanAbort(action)) await AbortAsync(action, ct);
    }

    /// <summary>Unknown types can be cut off: they never started anything.</summary>
    public bool CanAbort(ActionSnapshot action) =>
        !catalog.TryGet(action.ActionType, out var plugin) || plugin.CanAbort(action.Parameters);

    /// <summary>ONGOING → CANCELLING, then abort(): true → CANCELLED, false (it completed) → SUCCEEDED, error → FAILED.</summary>
    private async Task AbortAsync(ActionSnapshot action, CancellationToken ct)
    {
        await store.UpdateAsync(action.Uuid, a => a.BeginCancel(), ct);
        await Notify(action, "start");
        try
        {
            var plugin = catalog.Get(action.ActionType);
            var aborted = await plugin.AbortAsync(new ActionContext(action.Uuid, action.Parameters, cloud, time, ct));
            await store.UpdateAsync(action.Uuid, a => { if (aborted) a.Cancel(); else a.Succeed(); }, ct);
            LogAborted(action.Uuid, aborted);
            await Notify(action, "end");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogAbortFailed(action.Uuid, e);
            await store.UpdateAsync(action.Uuid, a => a.Fail($"Action failed in abort: {ActionTask.Reason(e)}"), ct);
            await Notify(action, "error", e);
        }
    }

    /// <summary>action.cancel.start / .end / .error (reference §12).</summary>
    private Task Notify(ActionSnapshot action, string phase, Exception? fault = null) =>
        notifier?.ActionAsync(action.Uuid, "cancel", phase, fault) ?? Task.CompletedTask;

    /// <summary>
    /// rollback_when_actionplan_failed: revert what succeeded, newest first. The actions stay SUCCEEDED (no state says
    /// "reverted", as upstream) and their status_message tells what the revert did.
    /// </summary>
    public async Task RollbackAsync(IReadOnlyList<string> succeeded, IReadOnlyList<ActionSnapshot> actions, CancellationToken ct)
    {
        var byUuid = actions.ToDictionary(a => a.Uuid);
        foreach (var uuid in succeeded.Reverse())
        {
            var action = byUuid[uuid];
            if (!catalog.TryGet(action.ActionType, out var plugin)) continue;
            string message;
            // Said first, so a crash during the revert leaves the action saying what was under way.
            await store.UpdateAsync(uuid, a => { if (a.State == ActionStates.Succeeded) a.StatusMessage = "Action is being reverted because the action plan failed."; }, ct);
            try
            {
                var reverted = await plugin.RevertAsync(new ActionContext(uuid, action.Parameters, cloud, time, ct));
                LogReverted(uuid, reverted);
                message = reverted
                    ? "Action was reverted because the action plan failed."
                    : "Action could not be reverted after the action plan failed.";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRevertFailed(uuid, e);
                message = $"Action could not be reverted after the action plan failed: {ActionTask.Reason(e)}";
            }
            await store.UpdateAsync(uuid, a => { if (a.State == ActionStates.Succeeded) a.StatusMessage = message; }, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {ActionUuid} abort requested; aborted: {Aborted}")]
    private partial void LogAborted(string actionUuid, bool aborted);

    [LoggerMessage(Level = LogLevel.Error, Message = "Abort of action {ActionUuid} failed")]
    private partial void LogAbortFailed(string actionUuid, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {ActionUuid} reverted: {Reverted}")]
    private partial void LogReverted(string actionUuid, bool reverted);

    [LoggerMessage(Level = LogLevel.Error, Message = "Revert of action {ActionUuid} failed")]
    private partial void LogRevertFailed(string actionUuid, Exception exception);
}
