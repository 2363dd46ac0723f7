using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.ActionPlans;

/// <summary>POST /v1/action_plans/{uuid}/start: RECOMMENDED → PENDING, then the applier is told (after commit).</summary>
public sealed record StartActionPlan(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class StartActionPlanHandler(WatcherDbContext db, IMediator mediator) : IRequestHandler<StartActionPlan, JsonObject>
{
    public async Task<JsonObject> Handle(StartActionPlan request, CancellationToken ct)
    {
        var plan = await db.GetActionPlan(request.Context with { ShowDeleted = false }, request.Ident, ct);
        plan.Start();
        if (await mediator.Send(new CheckActionPlanStart(plan.Uuid), ct) is { } refusal) throw new ConflictException(refusal);
        await db.SaveChangesAsync(ct);
        await mediator.Publish(new LaunchActionPlan(plan.Uuid), ct);
        return ActionPlanView.Build(plan, request.Context, detail: true);
    }
}
