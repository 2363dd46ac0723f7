using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Actions;

/// <summary>
/// PATCH /v1/actions/{uuid} (≥1.5, reference §2.9): skip a PENDING action of a plan that has not started, or
/// re-word the reason of a skipped one. The stored status_message is always rebuilt by the server.
/// </summary>
public sealed record UpdateAction(ApiContext Context, string Ident, IReadOnlyList<PatchOp> Ops) : IRequest<JsonObject>;

public sealed class UpdateActionHandler(WatcherDbContext db, ActionDescriptions descriptions) : IRequestHandler<UpdateAction, JsonObject>
{
    private const string Skipped = "Action skipped by user.";

    public async Task<JsonObject> Handle(UpdateAction request, CancellationToken ct)
    {
        if (!request.Context.Version.AtLeast(ApiVersion.SkipActions))
            throw new InvalidRequestException("API microversion 1.5 or higher is required.");
        var action = await db.GetAction(request.Context with { ShowDeleted = false }, request.Ident, ct);

        string? target = null, reason = null;
        var reasonGiven = false;
        foreach (var op in request.Ops)
        {
            if (op.Path is not ("/state" or "/status_message"))
                throw new InvalidRequestException($"'{op.Path}' is not an allowed attribute and can not be updated");
            if (op.Op == "remove") throw new InvalidRequestException($"'{op.Path}' is a mandatory attribute and can not be removed");
            if (op.Path == "/state") target = Wire.AsString(op.Value) ?? op.Value?.ToJsonString() ?? "None";
            else { reason = Wire.AsString(op.Value) ?? op.Value?.ToJsonString(); reasonGiven = true; }
        }

        var skipping = false;
        if (target is not null)
        {
            if (!ActionStates.All.Contains(target)) throw new InvalidRequestException($"Invalid state: {target}");
            if (target != action.State)
            {
                if (!(action.State == ActionStates.Pending && target == ActionStates.Skipped))
                    throw new StateTransitionException(action.State, target);
                if (action.ActionPlan.State is not (ActionPlanStates.Recommended or ActionPlanStates.Pending))
                    throw new ConflictException($"State update not allowed for actionplan state: {action.ActionPlan.State}");
                skipping = true;
            }
        }
        if (reasonGiven && !skipping && action.State != ActionStates.Skipped)
            throw new ConflictException("status_message update only allowed when action state is SKIPPED");

        // Re-sending the stored text counts as "no new reason" (upstream quirk kept for compatibility).
        var message = reasonGiven && !string.IsNullOrEmpty(reason) && reason != action.StatusMessage
            ? $"{Skipped} Reason: {reason}" : Skipped;
        if (skipping) action.Skip(message);
        else if (reasonGiven) action.StatusMessage = message;
        await db.SaveChangesAsync(ct);

        return ActionView.Build(action, request.Context, detail: true, await descriptions.GetAsync(db, [action.ActionType], ct));
    }
}
