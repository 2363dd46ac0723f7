using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Audits;

/// <summary>
/// PATCH /v1/audits/{ident}. Only the whitelisted attributes may change (decision 8); state moves go through
/// <see cref="Audit.ChangeState"/> and an illegal one is upstream's 400 PatchError.
/// </summary>
public sealed record UpdateAudit(ApiContext Context, string Ident, IReadOnlyList<PatchOp> Ops, string PatchText) : IRequest<JsonObject>;

public sealed class UpdateAuditHandler(WatcherDbContext db, IMediator mediator) : IRequestHandler<UpdateAudit, JsonObject>
{
    private static readonly string[] Immutable = ["audit_template_uuid", "type", "audit_type"];
    private static readonly string[] Internal = ["uuid", "id", "created_at", "updated_at", "deleted_at", "links", "status_message"];

    public async Task<JsonObject> Handle(UpdateAudit request, CancellationToken ct)
    {
        var audit = await db.GetAudit(request.Context with { ShowDeleted = false }, request.Ident, ct);
        var doc = new JsonObject
        {
            ["name"] = audit.Name, ["state"] = audit.State, ["interval"] = audit.Interval,
            ["parameters"] = audit.Parameters.Clone(), ["auto_trigger"] = audit.AutoTrigger, ["force"] = audit.Force,
            ["start_time"] = Wire.Date(audit.StartTime), ["end_time"] = Wire.Date(audit.EndTime),
        };
        foreach (var op in request.Ops)
        {
            if (Immutable.Contains(op.Root)) throw new InvalidRequestException($"{op.Path} can't be updated.");
            if (Internal.Contains(op.Root)) throw new InvalidRequestException($"'{op.Path}' is an internal attribute and can not be updated");
            if (!doc.ContainsKey(op.Root)) throw new InvalidRequestException($"'{op.Path}' is not an allowed attribute and can not be updated");
            if (op.Root == "state" && (op.Op == "remove" || op.Value is null))
                throw JsonPatch.PatchError(request.PatchText, "state can't be null or removed");
        }
        JsonPatch.Apply(doc, request.Ops, request.PatchText);

        var state = Fields.Text("state", doc["state"])!;
        var resumed = state != audit.State && state == AuditStates.Ongoing && audit.AuditType == AuditTypes.Continuous;
        // A state named in the patch is a transition, even to the current state: upstream answers (X -> X) with 400.
        if (request.Ops.Any(o => o.Root == "state"))
        {
            if (!AuditStates.All.Contains(state)) throw new InvalidRequestException($"Invalid state: {state}");
            try { audit.ChangeState(state); }
            catch (StateTransitionException ex) { throw JsonPatch.PatchError(request.PatchText, ex.Message); }
        }
        var name = Fields.Text("name", doc["name"]) is { } n ? AuditRules.TruncateName(Fields.Name("name", n))
            : throw new InvalidRequestException("name can't be null");
        if (name != audit.Name) await AuditRules.EnsureUniqueName(db, name, audit.Id, ct);
        audit.Name = name;
        var interval = Fields.Text(doc, "interval");
        if (interval is not null && interval != audit.Interval && audit.AuditType != AuditTypes.Event) AuditInterval.Validate(interval);
        audit.Interval = interval;
        if (!JsonNode.DeepEquals(doc["parameters"], audit.Parameters))
            audit.Parameters = AuditRules.CheckParameters(doc["parameters"].Clone(), audit.Strategy);
        audit.AutoTrigger = Fields.Bool(doc, "auto_trigger", false);
        audit.Force = Fields.Bool(doc, "force", false);
        audit.StartTime = Fields.Date(doc, "start_time");
        audit.EndTime = Fields.Date(doc, "end_time");
        await db.SaveChangesOrConflictAsync(() => new ConflictException($"An audit with UUID or name {name} already exists"), ct);
        // A resumed continuous audit gets its next tick now rather than at the next sweep.
        if (resumed) await mediator.Publish(new Decision.Contracts.TriggerAudit(audit.Uuid), ct);
        return AuditView.Build(audit, request.Context, detail: true);
    }
}
