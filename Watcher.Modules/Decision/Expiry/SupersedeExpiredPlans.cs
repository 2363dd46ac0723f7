using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Hangfire;
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

/// <summary>The expiry check, a recurring job every CheckPeriodicInterval seconds (one process runs each occurrence).</summary>
[AutomaticRetry(Attempts = 0)]
[DisableConcurrentExecution(60)]
public sealed class ActionPlanExpiryJob(IMediator mediator)
{
    public const string Id = "action-plan-expiry";

    public Task RunAsync(CancellationToken ct) => mediator.Send(new SupersedeExpiredPlans(), ct);
}
