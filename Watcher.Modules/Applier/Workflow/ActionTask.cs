using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;
using Watcher.Modules.Shared.Notifications;
using Watcher.Modules.Shared.Plugins;
using Watcher.Modules.Shared.Schema;

namespace Watcher.Modules.Applier.Workflow;

/// <summary>How one task ended, as the graph sees it.</summary>
internal enum TaskOutcome
{
    /// <summary>Succeeded or skipped: an ANY edge does not run its child.</summary>
    Succeeded,
    Failed,
    /// <summary>The plan is being cancelled; the action was left as it was for the engine's abort phase.</summary>
    Interrupted,
}

/// <summary>One action's phases (reference §9.3): plan check, validation, pre-condition, execute, post-condition.</summary>
internal sealed partial class ActionTask(
    PluginCatalog<IAction> catalog, ActionStore store, IComputeCloud cloud, TimeProvider time,
    IServiceScopeFactory scopes, ILogger<ActionTask> logger, Notifier? notifier = null)
{
    public async Task<TaskOutcome> RunAsync(ActionSnapshot action, string planUuid, CancellationToken planCancel)
    {
        if (await store.PlanStateAsync(planUuid) is ActionPlanStates.Cancelling or ActionPlanStates.Cancelled)
            return TaskOutcome.Interrupted;
        // A user skip (or a state set before this run) is left untouched.
        var state = await store.ActionStateAsync(action.Uuid);
        if (state != ActionStates.Pending)
            return state == ActionStates.Failed ? TaskOutcome.Failed : TaskOutcome.Succeeded;

        if (!catalog.TryGet(action.ActionType, out var plugin))
            return await FailAsync(action, $"Action failed in pre_condition: Unknown action type '{action.ActionType}'");
        var context = new ActionContext(action.Uuid, action.Parameters.Clone()!, cloud, time, planCancel)
        {
            OnCloudChanged = what => PublishClusterChangedAsync(action, what),
        };
        try
        {
            ParameterSchema.Validate(plugin.InputSchema, context.Parameters);
        }
        catch (Exception e) when (e is SchemaViolationException or InvalidOperationException or FormatException)
        {
            return await FailAsync(action, $"Action failed in pre_condition: Invalid input parameters: {Reason(e)}");
        }

        try
        {
            await plugin.PreConditionAsync(context);
        }
        catch (ActionSkippedException e)
        {
            await store.UpdateAsync(action.Uuid, a => a.Skip($"Action was skipped automatically: {e.Message}"));
            return TaskOutcome.Succeeded;
        }
        catch (OperationCanceledException) when (planCancel.IsCancellationRequested)
        {
            return TaskOutcome.Interrupted;
        }
        catch (Exception e)
        {
            return await FailAsync(action, $"Action failed in pre_condition: {Reason(e)}", e);
        }
        await Notify(action, "start");
        return await ExecuteAsync(action, plugin, context, planCancel);
    }

    private async Task<TaskOutcome> ExecuteAsync(ActionSnapshot action, IAction plugin, ActionContext context, CancellationToken planCancel)
    {
        await store.UpdateAsync(action.Uuid, a => a.Begin());
        LogStarted(action.Uuid, action.ActionType);
        bool succeeded;
        try
        {
            succeeded = await plugin.ExecuteAsync(context);
        }
        catch (OperationCanceledException) when (planCancel.IsCancellationRequested)
        {
            return TaskOutcome.Interrupted;
        }
        catch (Exception e)
        {
            return await FailAsync(action, $"Action failed in execute: {Reason(e)}", e);
        }
        if (!succeeded)
            return await FailAsync(action, $"Action failed in execute: The action {action.Uuid} execution failed.");

        await store.UpdateAsync(action.Uuid, a => a.Succeed());
        await Notify(action, "end");
        await PublishClusterChangedAsync(action, $"action {action.ActionType} {action.Uuid} succeeded");
        try
        {
            await plugin.PostConditionAsync(context);
        }
        catch (Exception e)
        {
            await store.UpdateAsync(action.Uuid, a => a.Fail($"Action failed in post_condition: {Reason(e)}", keepExistingMessage: true));
            await Notify(action, "error", e);
            return TaskOutcome.Failed;
        }
        return TaskOutcome.Succeeded;
    }

    private async Task<TaskOutcome> FailAsync(ActionSnapshot action, string message, Exception? cause = null)
    {
        LogFailed(action.Uuid, message);
        await store.UpdateAsync(action.Uuid, a => a.Fail(message));
        await Notify(action, "error", cause);
        return TaskOutcome.Failed;
    }

    /// <summary>action.execution.start / .end / .error (reference §12).</summary>
    private Task Notify(ActionSnapshot action, string phase, Exception? fault = null) =>
        notifier?.ActionAsync(action.Uuid, "execution", phase, fault) ?? Task.CompletedTask;

    /// <summary>
    /// The cloud changed — a migration started (the model then counts it on both hosts) or an action succeeded: the
    /// cluster model must be refreshed. A failing subscriber must not fail the action.
    /// </summary>
    private async Task PublishClusterChangedAsync(ActionSnapshot action, string reason)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new ClusterChanged(reason));
        }
        catch (Exception e)
        {
            LogPublishFailed(action.Uuid, e);
        }
    }

    internal static string Reason(Exception e) => string.IsNullOrEmpty(e.Message) ? e.GetType().Name : e.Message;

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {ActionUuid} ({ActionType}) started")]
    private partial void LogStarted(string actionUuid, string actionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {ActionUuid} failed: {StatusMessage}")]
    private partial void LogFailed(string actionUuid, string statusMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing ClusterChanged after action {ActionUuid} failed")]
    private partial void LogPublishFailed(string actionUuid, Exception exception);
}
