using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Decision.Expiry;

/// <summary>
/// A recommendation nobody started within ActionPlanExpiry hours no longer describes the cluster: it becomes
/// SUPERSEDED (reference §4.2). Returns how many plans were superseded.
/// </summary>
public sealed record SupersedeExpiredPlans : IRequest<int>;

public sealed class SupersedeExpiredPlansHandler(WatcherDbContext db, IOptions<DecisionEngineOptions> options)
    : IRequestHandler<SupersedeExpiredPlans, int>
{
    public async Task<int> Handle(SupersedeExpiredPlans request, CancellationToken ct)
    {
        var hours = options.Value.ActionPlanExpiry;
        if (hours <= 0) return 0;
        var cutoff = db.UtcNow.AddHours(-hours);
        var expired = await db.ActionPlans
            .Where(p => p.State == ActionPlanStates.Recommended && p.CreatedAt < cutoff).ToListAsync(ct);
        foreach (var plan in expired) plan.Supersede();
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }
}

/// <summary>Runs the expiry check every CheckPeriodicInterval seconds.</summary>
[DisallowConcurrentExecution]
public sealed class ActionPlanExpiryJob(IMediator mediator) : IJob
{
    public static readonly JobKey Key = new("action-plan-expiry", "decision-engine");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await mediator.Send(new SupersedeExpiredPlans(), ct);
}
