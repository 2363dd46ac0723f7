using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Applier.Conflicts;

/// <summary>In "refuse" mode, why a plan may not start now (it acts on resources of a running plan); else null.</summary>
internal sealed class CheckActionPlanStartHandler(WatcherDbContext db, PlanConflicts conflicts, IOptions<ApplierOptions> options)
    : IRequestHandler<CheckActionPlanStart, string?>
{
    public async Task<string?> Handle(CheckActionPlanStart request, CancellationToken ct)
    {
        if (!options.Value.RefusesConflictingPlans) return null;
        var plan = await db.ActionPlans.AsNoTracking().Include(p => p.Actions).FirstOrDefaultAsync(p => p.Uuid == request.ActionPlanUuid, ct);
        if (plan is null) return null;
        return (await conflicts.FindAsync(db, plan, ct))?.RefusalMessage;
    }
}
