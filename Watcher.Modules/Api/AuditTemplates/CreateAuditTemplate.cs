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
        // Every attribute's type is checked before anything is looked up, as WSME does when it reads the body.
        var nameGiven = Fields.Text(body, "name");
        var goalRef = Fields.Text(body, "goal");
        var strategyRef = Fields.Text(body, "strategy");
        var description = Fields.Text(body, "description");
        var givenDefaults = Fields.Object("default_parameters", body["default_parameters"]);
        var name = Fields.Name("name", nameGiven
            ?? throw new InvalidRequestException("Invalid input for field/attribute name. Value: 'None'. Mandatory field missing."));
        var goal = await TemplateRules.ResolveGoal(db, goalRef, ct);
        var scope = ScopeValidator.Normalize(body["scope"]);
        var strategy = await TemplateRules.ResolveStrategy(db, strategyRef, goal, ct);
        var defaults = TemplateRules.CheckDefaultParameters(givenDefaults.Clone(), strategy);
        await TemplateRules.EnsureUniqueName(db, name, 0, ct);

        var template = new AuditTemplate
        {
            Name = name,
            Description = description,
            GoalId = goal.Id,
            Goal = goal,
            StrategyId = strategy?.Id,
            Strategy = strategy,
            Scope = scope,
            DefaultParameters = defaults,
        };
        db.AuditTemplates.Add(template);
        await db.SaveChangesOrConflictAsync(() => new ConflictException($"An audit_template with UUID or name {name} already exists"), ct);
        return AuditTemplateView.Build(template, request.Context, detail: true);
    }
}
