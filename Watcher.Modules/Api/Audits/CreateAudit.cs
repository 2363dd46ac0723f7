using System.Globalization;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Audits;

/// <summary>POST /v1/audits (reference §2.7, §5.4, §5.5). A ONESHOT audit is handed to the decision engine after commit.</summary>
public sealed record CreateAudit(ApiContext Context, JsonObject Body) : IRequest<JsonObject>;

public sealed class CreateAuditHandler(WatcherDbContext db, IMediator mediator, TimeProvider time) : IRequestHandler<CreateAudit, JsonObject>
{
    private static readonly string[] ReadOnly = ["state", "scope", "hostname"];
    private static readonly string[] Known = ["audit_type", "audit_template_uuid", "goal", "strategy", "name", "parameters",
        "interval", "auto_trigger", "start_time", "end_time", "force", .. ReadOnly];

    public async Task<JsonObject> Handle(CreateAudit request, CancellationToken ct)
    {
        var body = request.Body;
        JsonBody.RejectUnknown(body, "audit", Known);
        if (ReadOnly.Any(body.ContainsKey)) throw new InvalidRequestException("Cannot set read only field.");
        // Every attribute's type is checked before anything else, as WSME does when it reads the body.
        var type = Fields.Text(body, "audit_type");
        var interval = Fields.Text(body, "interval");
        var templateRef = Fields.Text(body, "audit_template_uuid");
        var goalRef = Fields.Text(body, "goal");
        var strategyRef = Fields.Text(body, "strategy");
        var givenName = Fields.Text(body, "name") is { } n ? Fields.Name("name", n) : null;
        var autoTrigger = Fields.Bool(body, "auto_trigger", false);
        var force = Fields.Bool(body, "force", false);
        var startTime = Fields.Date(body, "start_time");
        var endTime = Fields.Date(body, "end_time");
        Fields.Object("parameters", body["parameters"]);

        if (type is null)
            throw new InvalidRequestException("Invalid input for field/attribute audit_type. Value: 'None'. Mandatory field missing.");
        if (!AuditTypes.All.Contains(type)) throw new InvalidRequestException($"Audit type {type} could not be found");
        if (type == AuditTypes.Oneshot && interval is not null) throw new InvalidRequestException($"Interval of audit must not be set for {type}.");
        if (type == AuditTypes.Continuous && interval is null) throw new InvalidRequestException($"Interval of audit must be specified for {type}.");
        if (templateRef is not null && goalRef is not null) throw new InvalidRequestException("Either audit_template_uuid or goal should be provided.");
        var hasWindow = startTime is not null || endTime is not null;
        if (type == AuditTypes.Oneshot && hasWindow) throw new InvalidRequestException($"Start or End time of audit must not be set for {type}.");
        if (hasWindow && !request.Context.Version.AtLeast(ApiVersion.StartEndTime)) throw new NotAcceptableException();

        var parameters = body["parameters"].Clone();
        var scope = new JsonArray();
        AuditTemplate? template = null;
        if (templateRef is not null)
        {
            template = (Wire.IsUuid(templateRef) ? await db.AuditTemplates.Include(t => t.Goal).Include(t => t.Strategy)
                .FirstOrDefaultAsync(t => t.Uuid == Wire.NormalizeUuid(templateRef), ct) : null)
                ?? throw new InvalidRequestException("The audit template UUID or name specified is invalid");
            goalRef = template.Goal.Uuid;
            strategyRef ??= template.Strategy?.Uuid;
            scope = template.Scope.Clone()!;
            parameters = Merge(template.DefaultParameters, parameters);
        }
        if (goalRef is null) throw new InvalidRequestException("A valid goal or audit_template_id must be provided");
        var goal = await db.GetGoal(request.Context with { ShowDeleted = false }, goalRef, ct);
        var strategy = strategyRef is null ? null : await db.GetStrategy(request.Context with { ShowDeleted = false }, strategyRef, ct);
        if (interval is not null && type != AuditTypes.Event) AuditInterval.Validate(interval);
        var checkedParameters = AuditRules.CheckParameters(parameters, strategy);

        var name = givenName ?? $"{strategy?.Name ?? template?.Name ?? goal.Name}-{Timestamp()}";
        name = AuditRules.TruncateName(name);
        await AuditRules.EnsureUniqueName(db, name, 0, ct);

        var audit = new Audit
        {
            Name = name, AuditType = type, Parameters = checkedParameters, Interval = interval,
            GoalId = goal.Id, Goal = goal, StrategyId = strategy?.Id, Strategy = strategy, Scope = scope,
            AutoTrigger = autoTrigger, Force = force, StartTime = startTime, EndTime = endTime,
        };
        db.Audits.Add(audit);
        await db.SaveChangesOrConflictAsync(() => new ConflictException($"An audit with UUID or name {name} already exists"), ct);
        // ONESHOT runs now; CONTINUOUS gets its first tick (at once for seconds, §5.3); EVENT waits for its webhook.
        if (audit.AuditType != AuditTypes.Event) await mediator.Publish(new TriggerAudit(audit.Uuid), ct);
        return AuditView.Build(audit, request.Context, detail: true);
    }

    /// <summary>Template defaults under the request's parameters (request keys win).</summary>
    private static JsonNode? Merge(JsonObject? defaults, JsonNode? given)
    {
        if (defaults is null || defaults.Count == 0) return given;
        if (given is not null and not JsonObject) return given;
        var merged = defaults.Clone()!;
        foreach (var (key, value) in (JsonObject?)given ?? new JsonObject()) merged[key] = value.Clone();
        return merged;
    }

    /// <summary>Python's isoformat() of naive UTC now, as upstream names audits.</summary>
    private string Timestamp() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
