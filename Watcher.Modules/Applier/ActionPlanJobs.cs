using Hangfire;
using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier.Conflicts;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Modules.Applier;

/// <summary>
/// The Hangfire job executing one action plan, on the "applier" queue (Watcher:Applier:Workers workers). Its
/// cancellation token fires ShutdownGracePeriod seconds after the process was asked to stop; from the stop
/// request on, no new action of the plan starts. No automatic retry: the plan's own state says what happened.
/// </summary>
[AutomaticRetry(Attempts = 0)]
internal sealed class ActionPlanJob(
    ActionPlanExecutor executor, IBackgroundJobs jobs, TimeProvider time, IOptions<ApplierOptions> options,
    IHostApplicationLifetime? lifetime = null)
{
    /// <summary>A plan waiting for another (same resources) is tried again after ConflictRetryInterval, without holding a worker.</summary>
    public async Task ExecuteAsync(string planUuid, CancellationToken ct)
    {
        var outcome = await executor.RunAsync(planUuid, ct, lifetime?.ApplicationStopping ?? CancellationToken.None);
        if (outcome == ExecutionOutcome.Waiting && lifetime?.ApplicationStopping.IsCancellationRequested != true)
            jobs.Schedule<ActionPlanJob>(JobQueues.Applier, j => j.ExecuteAsync(planUuid, CancellationToken.None),
                time.GetUtcNow().UtcDateTime.AddSeconds(Math.Max(0.1, options.Value.ConflictRetryInterval)));
    }

    public static void Enqueue(IBackgroundJobs jobs, string planUuid) =>
        jobs.Enqueue<ActionPlanJob>(JobQueues.Applier, j => j.ExecuteAsync(planUuid, CancellationToken.None));
}

/// <summary>Upstream's launch_action_plan cast: a job is queued and the caller (an HTTP request) returns at once.</summary>
internal sealed class LaunchActionPlanHandler(IBackgroundJobs jobs) : INotificationHandler<LaunchActionPlan>
{
    public Task Handle(LaunchActionPlan notification, CancellationToken cancellationToken)
    {
        ActionPlanJob.Enqueue(jobs, notification.ActionPlanUuid);
        return Task.CompletedTask;
    }
}
