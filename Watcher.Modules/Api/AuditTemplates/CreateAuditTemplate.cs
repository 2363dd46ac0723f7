using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.AuditTemplates;

/// <summary>POST /v1/audit_templates (reference §2.6). Returns the detail view.</summary>
public sealed record CreateAuditTemplate(ApiContext Context, JsonObject Body) : IRequest<JsonObject>;

public sealed class CreateAuditTemplateHandler(WatcherDbContext db) : IRequestHandler<CreateAuditTemplate, JsonObject>
{
    private static readonly string[] Known = ["name", "goal", "strategy", "description", "scope", "default_parameters"];

    public async Task<JsonObject> Handle(CreateAuditTemplate request, CancellationToken ct)
    {
        var body = request.Body;
        JsonBody.RejectUnknown(body, "audit_template", Known);
        if (body["default_parameters"] is not null && !request.Context.Version.AtLeast(ApiVersion.DefaultParameters))
            throw new NotAcceptableException();
        var name = Wire.AsString(body["name"])
            ?? throw new InvalidRequestException("Invalid input for field/attribute name. Value: 'None'. Mandatory field missing.");
        var goal = await TemplateRules.ResolveGoal(db, Wire.AsString(body["goal"]), ct);
        var scope = ScopeValidator.Normalize(body["scope"]);
        var strategy = await TemplateRules.ResolveStrategy(db, Wire.AsString(body["strategy"]), goal, ct);
        if (body["default_parameters"] is { } given and not JsonObject)
            throw new InvalidRequestException("Invalid input for field/attribute default_parameters: an object is expected");
        var defaults = TemplateRules.CheckDefaultParameters(body["default_parameters"]?.AsObject().Clone(), strategy);
        await TemplateRules.EnsureUniqueName(db, name, 0, ct);

        var template = new AuditTemplate
        {
            Name = name,
            Description = Wire.AsString(body["description"]),
            GoalId = goal.Id,
            Goal = goal,
            StrategyId = strategy?.Id,
            Strategy = strategy,
            Scope = scope,
            DefaultParameters = defaults,
        };
        db.AuditTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return AuditTemplateView.Build(template, request.Context, detail: true);
    }
}
