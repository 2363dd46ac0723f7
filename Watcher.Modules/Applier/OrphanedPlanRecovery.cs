using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Applier;

/// <summary>
/// Reference §9.7 by liveness: an ONGOING or CANCELLING plan whose executing process stopped beating can never
/// finish, so any live process cancels it with upstream's messages (naming the host that ran it), whatever the
/// host names. This is upstream's own-restart clean-up and its monitor's failover in one rule.
/// </summary>
internal sealed partial class OrphanedPlanRecovery(
    WatcherDbContext db, ProcessIdentity me, IOptions<ServiceHeartbeatOptions> heartbeat, ILogger<OrphanedPlanRecovery> log)
    : INotificationHandler<RecoverOrphanedWork>
{
    public async Task Handle(RecoverOrphanedWork notification, CancellationToken ct)
    {
        var live = db.LiveInstances(heartbeat.Value.LivenessTimeout);
        var orphans = await db.ActionPlans.Include(p => p.Actions)
            .Where(p => (p.State == ActionPlanStates.Ongoing || p.State == ActionPlanStates.Cancelling)
                        && (p.ClaimedBy == null || p.ClaimedBy != me.InstanceId && !live.Contains(p.ClaimedBy)))
            .ToListAsync(ct);
        foreach (var plan in orphans)
        {
            StoppedApplier.Cancel(plan, plan.Hostname ?? "(unknown)");
            try
            {
                await db.SaveChangesAsync(ct);
                LogRecovered(plan.Uuid, plan.Hostname);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(plan).State = EntityState.Detached;   // another process got there first
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action plan {PlanUuid} was executed by a process on {Host} that stopped beating: cancelled")]
    private partial void LogRecovered(string planUuid, string? host);
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
