using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Applier.Progress;

/// <summary>A plan's progress from its actions' states: two small queries, whatever the plan's size.</summary>
internal sealed class GetActionPlanProgressHandler(WatcherDbContext db) : IRequestHandler<GetActionPlanProgress, ActionPlanProgress>
{
    public async Task<ActionPlanProgress> Handle(GetActionPlanProgress request, CancellationToken ct)
    {
        var plan = await db.ActionPlans.AsNoTracking().Where(p => p.Uuid == request.ActionPlanUuid)
            .Select(p => new { p.Id, p.Uuid, p.State, p.StatusMessage }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Action plan {request.ActionPlanUuid} could not be found");
        var byState = await db.Actions.AsNoTracking().Where(a => a.ActionPlanId == plan.Id && a.State != ActionStates.Deleted)
            .GroupBy(a => a.State).Select(g => new { State = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.State, x => x.Count, ct);
        var running = await db.Actions.AsNoTracking()
            .Where(a => a.ActionPlanId == plan.Id && (a.State == ActionStates.Ongoing || a.State == ActionStates.Cancelling))
            .OrderBy(a => a.Id).Select(a => new RunningAction(a.Uuid, a.ActionType, a.State)).ToListAsync(ct);
        int Of(string state) => byState.GetValueOrDefault(state);
        return new ActionPlanProgress(plan.Uuid, plan.State, plan.StatusMessage, byState.Values.Sum(),
            Of(ActionStates.Succeeded), Of(ActionStates.Skipped), Of(ActionStates.Failed), Of(ActionStates.Cancelled),
            Of(ActionStates.Ongoing) + Of(ActionStates.Cancelling), Of(ActionStates.Pending), running);
    }
}
