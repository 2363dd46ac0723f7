using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Applier;

/// <summary>
/// Reference §9.7 by liveness: an ONGOING or CANCELLING plan whose executing process stopped beating can never
/// finish, so any live process ends it CANCELLED with upstream's messages (naming the host that ran it), whatever
/// the host names. This is upstream's own-restart clean-up and its monitor's failover in one rule. A plan with
/// actions that were running when the process died is first taken over (claimed by this process) and handed to
/// <see cref="RecoverActionPlanJob"/>, which asks the cloud what those actions did: this heartbeat must not wait
/// for a migration.
/// </summary>
internal sealed partial class OrphanedPlanRecovery(
    WatcherDbContext db, ProcessIdentity me, IOptions<ServiceHeartbeatOptions> heartbeat, IBackgroundJobs jobs,
    ActivePlans active, ILogger<OrphanedPlanRecovery> log)
    : INotificationHandler<RecoverOrphanedWork>
{
    public async Task Handle(RecoverOrphanedWork notification, CancellationToken ct)
    {
        var live = db.LiveInstances(heartbeat.Value.LivenessTimeout);
        var orphans = await db.ActionPlans.Include(p => p.Actions)
            .Where(p => (p.State == ActionPlanStates.Ongoing || p.State == ActionPlanStates.Cancelling)
                        && (p.ClaimedBy == null || p.ClaimedBy != me.InstanceId && !live.Contains(p.ClaimedBy)))
            .ToListAsync(ct);
        // Ours but no job of ours works on it (its job failed or was lost): taken up again, after a grace period that
        // covers a takeover whose job has not started yet.
        var quietSince = db.UtcNow - heartbeat.Value.LivenessTimeout;
        var mineButIdle = (await db.ActionPlans.Include(p => p.Actions)
                .Where(p => (p.State == ActionPlanStates.Ongoing || p.State == ActionPlanStates.Cancelling)
                            && p.ClaimedBy == me.InstanceId && (p.UpdatedAt == null || p.UpdatedAt < quietSince))
                .ToListAsync(ct))
            .Where(p => !active.Contains(p.Uuid));
        foreach (var plan in orphans.Concat(mineButIdle))
        {
            var interrupted = plan.Actions.Any(a => a.State is ActionStates.Ongoing or ActionStates.Cancelling);
            if (interrupted) plan.TakeOver(me.InstanceId);
            else StoppedApplier.Cancel(plan, plan.Hostname ?? "(unknown)");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(plan).State = EntityState.Detached;   // another process got there first
                continue;
            }
            if (interrupted)
            {
                RecoverActionPlanJob.Enqueue(jobs, plan.Uuid);
                LogTakenOver(plan.Uuid, plan.Hostname);
            }
            else LogRecovered(plan.Uuid, plan.Hostname);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action plan {PlanUuid} was executed by a process on {Host} that stopped beating: cancelled")]
    private partial void LogRecovered(string planUuid, string? host);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Action plan {PlanUuid} was executed by a process on {Host} that stopped beating with actions running: asking the cloud what they did")]
    private partial void LogTakenOver(string planUuid, string? host);
}

/// <summary>Upstream's wording for a plan whose applier stopped while it was ongoing (§9.7).</summary>
internal static class StoppedApplier
{
    public static void Cancel(ActionPlan plan, string host)
    {
        var reason = $"because Applier {host} was stopped while the action plan was ongoing.";
        foreach (var action in plan.Actions.Where(a => a.State is ActionStates.Pending or ActionStates.Ongoing or ActionStates.Cancelling))
            action.Cancel($"Action was cancelled {reason}");
        plan.Cancel($"Action plan was cancelled {reason}");
    }
}
