using Microsoft.Extensions.Logging;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Cloud;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Applier.Workflow;

/// <summary>
/// The engine's unwinding (reference §9.3 "revert"): on cancellation, running actions are aborted and pending
/// ones cancelled; after a failure, succeeded actions are reverted when rollback is enabled.
/// </summary>
internal sealed partial class CancellationUnwinder(
    PluginCatalog<IAction> catalog, ActionStore store, IComputeCloud cloud, TimeProvider time, ILogger<CancellationUnwinder> logger)
{
    public async Task CancelAsync(string planUuid, CancellationToken ct)
    {
        foreach (var action in await store.PlanActionsAsync(planUuid, ct))
        {
            if (action.State == ActionStates.Pending) await store.UpdateAsync(action.Uuid, a => a.Cancel(), ct);
            else if (action.State == ActionStates.Ongoing) await AbortAsync(action, ct);
        }
    }

    /// <summary>The process is stopping: only the actions still running are aborted; PENDING ones are left to the plan handler.</summary>
    public async Task AbortRunningAsync(string planUuid, CancellationToken ct)
    {
        foreach (var action in await store.PlanActionsAsync(planUuid, ct))
            if (action.State == ActionStates.Ongoing) await AbortAsync(action, ct);
    }

    /// <summary>ONGOING → CANCELLING, then abort(): true → CANCELLED, false (it completed) → SUCCEEDED, error → FAILED.</summary>
    private async Task AbortAsync(ActionSnapshot action, CancellationToken ct)
    {
        await store.UpdateAsync(action.Uuid, a => a.BeginCancel(), ct);
        try
        {
            var plugin = catalog.Get(action.ActionType);
            var aborted = await plugin.AbortAsync(new ActionContext(action.Uuid, action.Parameters, cloud, time, ct));
            await store.UpdateAsync(action.Uuid, a => { if (aborted) a.Cancel(); else a.Succeed(); }, ct);
            LogAborted(action.Uuid, aborted);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogAbortFailed(action.Uuid, e);
            await store.UpdateAsync(action.Uuid, a => a.Fail($"Action failed in abort: {ActionTask.Reason(e)}"), ct);
        }
    }

    /// <summary>Deprecated upstream option: revert what succeeded, newest first. States are left as they are, as upstream does.</summary>
    public async Task RollbackAsync(IReadOnlyList<string> succeeded, IReadOnlyList<ActionSnapshot> actions, CancellationToken ct)
    {
        var byUuid = actions.ToDictionary(a => a.Uuid);
        foreach (var uuid in succeeded.Reverse())
        {
            var action = byUuid[uuid];
            if (!catalog.TryGet(action.ActionType, out var plugin)) continue;
            try
            {
                var reverted = await plugin.RevertAsync(new ActionContext(uuid, action.Parameters, cloud, time, ct));
                LogReverted(uuid, reverted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRevertFailed(uuid, e);
            }
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
