using Hangfire;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Plugins;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Applier;

/// <summary>
/// Ends a plan whose executing process died while actions ran (taken over by <see cref="OrphanedPlanRecovery"/>):
/// each interrupted action is reconciled with the cloud — SUCCEEDED if the cloud shows its effect (a migration
/// that completed; one still running is waited for), FAILED if the cloud reports its failure, CANCELLED if it
/// never took effect — and never issued again; the rest is cancelled and the plan ends CANCELLED with §9.7's
/// message. Runs on the applier queue; safe to run twice (only the process holding the claim acts).
/// </summary>
[AutomaticRetry(Attempts = 0)]
internal sealed partial class RecoverActionPlanJob(
    IServiceScopeFactory scopes, PluginCatalog<IAction> catalog, IComputeCloud cloud, TimeProvider time, ProcessIdentity me,
    ActivePlans active, ILogger<RecoverActionPlanJob> logger)
{
    public static void Enqueue(IBackgroundJobs jobs, string planUuid) =>
        jobs.Enqueue<RecoverActionPlanJob>(JobQueues.Applier, j => j.ExecuteAsync(planUuid, CancellationToken.None));

    public async Task ExecuteAsync(string planUuid, CancellationToken ct)
    {
        if (!active.TryEnter(planUuid)) return;
        try
        {
            await RecoverAsync(planUuid, ct);
        }
        finally
        {
            active.Exit(planUuid);
        }
    }

    private async Task RecoverAsync(string planUuid, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        var plan = await db.ActionPlans.Include(p => p.Actions).FirstOrDefaultAsync(p => p.Uuid == planUuid, ct);
        if (plan is null || plan.ClaimedBy != me.InstanceId || plan.State is not (ActionPlanStates.Ongoing or ActionPlanStates.Cancelling))
            return;
        var host = plan.Hostname ?? "(unknown)";
        foreach (var action in plan.Actions.Where(a => a.State is ActionStates.Ongoing or ActionStates.Cancelling).OrderBy(a => a.Id))
        {
            var outcome = await ReconcileAsync(action, ct);
            var stopped = $"Applier {host} was stopped while the action plan was ongoing";
            switch (outcome.State)
            {
                case ReconciledState.Applied:
                    action.Succeed();
                    action.StatusMessage = $"Action completed although {stopped}: {outcome.Reason}.";
                    break;
                case ReconciledState.Failed:
                    action.Fail($"Action failed in execute: {outcome.Reason} ({stopped}).");
                    break;
                default:
                    action.Cancel($"Action was cancelled because {stopped}.");
                    break;
            }
            await db.SaveChangesAsync(ct);   // each verdict is kept, should this process die too
            LogReconciled(planUuid, action.Uuid, action.State, outcome.Reason);
        }
        StoppedApplier.Cancel(plan, host);
        await db.SaveChangesAsync(ct);
        // What the interrupted actions did happened behind this process's back: the compute model must catch up.
        try
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new ClusterChanged($"action plan {planUuid} recovered"), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReconcileFailed(planUuid, e);
        }
    }

    private async Task<Reconciliation> ReconcileAsync(WatcherAction action, CancellationToken ct)
    {
        if (!catalog.TryGet(action.ActionType, out var plugin)) return Reconciliation.NotApplied("its type is unknown");
        try
        {
            return await plugin.ReconcileAsync(new ActionContext(action.Uuid, action.InputParameters.DeepClone().AsObject(), cloud, time, ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReconcileFailed(action.Uuid, e);
            return Reconciliation.Failed($"what it did could not be read from the cloud: {Workflow.ActionTask.Reason(e)}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action plan {PlanUuid}: interrupted action {ActionUuid} is {State} ({Reason})")]
    private partial void LogReconciled(string planUuid, string actionUuid, string state, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading what interrupted action {ActionUuid} did failed")]
    private partial void LogReconcileFailed(string actionUuid, Exception exception);
}
