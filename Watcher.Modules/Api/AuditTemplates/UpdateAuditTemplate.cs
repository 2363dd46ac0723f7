using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.AuditTemplates;

/// <summary>
/// PATCH /v1/audit_templates/{ident}. Unlike upstream (§19 item 9) goal/strategy coherence and scope are
/// re-checked, so a template can never hold a combination its creation would have refused.
/// </summary>
public sealed record UpdateAuditTemplate(ApiContext Context, string Ident, IReadOnlyList<PatchOp> Ops, string PatchText) : IRequest<JsonObject>;

public sealed class UpdateAuditTemplateHandler(WatcherDbContext db) : IRequestHandler<UpdateAuditTemplate, JsonObject>
{
    private static readonly string[] Internal = ["uuid", "id", "created_at", "updated_at", "deleted_at", "links"];

    public async Task<JsonObject> Handle(UpdateAuditTemplate request, CancellationToken ct)
    {
        var template = await db.GetAuditTemplate(request.Context, request.Ident, ct);
        var withDefaults = request.Context.Version.AtLeast(ApiVersion.DefaultParameters);
        var doc = new JsonObject
        {
            ["name"] = template.Name,
            ["description"] = template.Description,
            ["goal"] = template.Goal.Uuid,
            ["strategy"] = template.Strategy?.Uuid,
            ["scope"] = template.Scope.Clone(),
        };
        if (withDefaults) doc["default_parameters"] = template.DefaultParameters.Clone();

        foreach (var op in request.Ops)
        {
            if (Internal.Contains(op.Root)) throw new InvalidRequestException($"'{op.Path}' is an internal attribute and can not be updated");
            if (op.Root == "default_parameters" && !withDefaults) throw new NotAcceptableException();
            if (op.Root == "goal" && op.Op == "remove") throw new InvalidRequestException("Cannot remove 'goal' attribute from an audit template");
            if (!doc.ContainsKey(op.Root)) throw JsonPatch.PatchError(request.PatchText, $"'{op.Path}' is not an attribute of an audit template");
        }
        // Upstream answers a goal or strategy change that would strand the template's default parameters with 409
        // before it resolves or checks the new goal and strategy.
        var defaultsPatched = request.Ops.Any(o => o.Root == "default_parameters");
        if (template.DefaultParameters is { Count: > 0 } && !defaultsPatched && request.Ops.Any(o => o.Root is "goal" or "strategy"))
            throw new ConflictException("The audit template has default_parameters for its current goal and strategy: " +
                "provide new default_parameters (or remove them) in the same request when changing the goal or strategy.");
        JsonPatch.Apply(doc, request.Ops, request.PatchText);

        var goalRef = Fields.Text("goal", doc["goal"]);
        var strategyRef = Fields.Text("strategy", doc["strategy"]);
        var description = Fields.Text("description", doc["description"]);
        var name = Fields.Name("name", Fields.Text("name", doc["name"]) ?? throw new InvalidRequestException("name can't be null"));
        var defaults = withDefaults ? Fields.Object("default_parameters", doc["default_parameters"]) : template.DefaultParameters.Clone();
        var goal = await TemplateRules.ResolveGoal(db, goalRef, ct);
        var strategy = await TemplateRules.ResolveStrategy(db, strategyRef, goal, ct);
        if (name != template.Name) await TemplateRules.EnsureUniqueName(db, name, template.Id, ct);

        template.Name = name;
        template.Description = description;
        template.GoalId = goal.Id;
        template.Goal = goal;
        template.StrategyId = strategy?.Id;
        template.Strategy = strategy;
        template.Scope = ScopeValidator.Normalize(doc["scope"]);
        template.DefaultParameters = TemplateRules.CheckDefaultParameters(defaults.Clone(), strategy);
        await db.SaveChangesOrConflictAsync(() => new ConflictException($"An audit_template with UUID or name {name} already exists"), ct);
        return AuditTemplateView.Build(template, request.Context, detail: true);
    }
}
