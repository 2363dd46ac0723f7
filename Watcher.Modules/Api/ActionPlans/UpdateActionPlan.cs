using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.ActionPlans;

/// <summary>
/// PATCH /v1/action_plans/{uuid}: state changes only (start or cancel, reference §2.8). Moving to PENDING
/// launches the plan like /start; cancelling a plan that has not started cancels its actions.
/// </summary>
public sealed record UpdateActionPlan(ApiContext Context, string Ident, IReadOnlyList<PatchOp> Ops, string PatchText) : IRequest<JsonObject>;

public sealed class UpdateActionPlanHandler(WatcherDbContext db, IMediator mediator) : IRequestHandler<UpdateActionPlan, JsonObject>
{
    private static readonly string[] Internal = ["uuid", "id", "created_at", "updated_at", "deleted_at", "links", "status_message"];

    public async Task<JsonObject> Handle(UpdateActionPlan request, CancellationToken ct)
    {
        var plan = await db.GetActionPlan(request.Context with { ShowDeleted = false }, request.Ident, ct, withActions: true);
        var doc = new JsonObject { ["state"] = plan.State };
        foreach (var op in request.Ops)
        {
            if (Internal.Contains(op.Root)) throw new InvalidRequestException($"'{op.Path}' is an internal attribute and can not be updated");
            if (op.Root != "state") throw new InvalidRequestException($"'{op.Path}' is not an allowed attribute and can not be updated");
            if (op.Op == "remove" || op.Value is null) throw JsonPatch.PatchError(request.PatchText, "state can't be null or removed");
        }
        JsonPatch.Apply(doc, request.Ops, request.PatchText);

        var target = Fields.Text("state", doc["state"])!;
        if (!ActionPlanStates.All.Contains(target)) throw new InvalidRequestException($"Invalid state: {target}");
        try { plan.ChangeState(target); }
        catch (StateTransitionException ex) { throw JsonPatch.PatchError(request.PatchText, ex.Message); }
        if (target == ActionPlanStates.Pending && await mediator.Send(new CheckActionPlanStart(plan.Uuid), ct) is { } refusal)
            throw new ConflictException(refusal);
        await db.SaveChangesAsync(ct);
        if (target == ActionPlanStates.Pending) await mediator.Publish(new LaunchActionPlan(plan.Uuid), ct);
        return ActionPlanView.Build(plan, request.Context, detail: true);
    }
}
