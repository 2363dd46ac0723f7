using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Applier.WhatIf;

/// <summary>
/// The what-if of a plan not yet started: its stored actions replayed on a copy of the current compute model by
/// the action plugins' own model effects (<see cref="IModelEffect"/>). Reads only; the cloud is not touched.
/// </summary>
public sealed class ProjectActionPlanHandler(WatcherDbContext db, IMediator mediator, PluginCatalog<IAction> actions, TimeProvider time)
    : IRequestHandler<ProjectActionPlan, PlanProjection>
{
    public async Task<PlanProjection> Handle(ProjectActionPlan request, CancellationToken ct)
    {
        var uuid = request.ActionPlanUuid.Trim().ToLowerInvariant();
        var plan = await db.ActionPlans.AsNoTracking().Include(p => p.Actions).FirstOrDefaultAsync(p => p.Uuid == uuid, ct)
            ?? throw new NotFoundException($"ActionPlan {request.ActionPlanUuid} could not be found");
        if (plan.State is not (ActionPlanStates.Recommended or ActionPlanStates.Pending))
            throw new ConflictException(
                $"A what-if is computed only for an action plan that has not started; action plan {plan.Uuid} is {plan.State}");

        var steps = plan.Actions.Where(a => !a.IsDeleted).OrderBy(a => a.Id)
            .Select(a => new PlanStep(a.Uuid, a.ActionType, a.InputParameters, a.ParentUuids, a.State)).ToList();
        var model = await mediator.Send(new GetComputeModel(), ct);   // a private copy: the projection may change it
        var projector = new PlanProjector(type => actions.TryGet(type, out var action) ? action as IModelEffect : null);
        var (waves, hosts, projected) = projector.Project(model, steps);
        return new PlanProjection(plan.Uuid, plan.State, time.GetUtcNow(), waves, hosts, projected);
    }
}
