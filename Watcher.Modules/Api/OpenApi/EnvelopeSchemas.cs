using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Watcher.Modules.Api.OpenApi;

// Envelopes, request bodies, the version documents and the error body, as written on the wire (see ResourceSchemas).

[Description("Present when the page is full: the URL of the next page (same filters and sort, marker = last row).")]
public abstract record Page
{
    public string? Next { get; init; }
}

public sealed record GoalCollection : Page { public required Goal[] Goals { get; init; } }
public sealed record StrategyCollection : Page { public required Strategy[] Strategies { get; init; } }
public sealed record AuditTemplateCollection : Page { public required AuditTemplate[] AuditTemplates { get; init; } }
public sealed record AuditCollection : Page { public required Audit[] Audits { get; init; } }
public sealed record ActionPlanCollection : Page { public required ActionPlan[] ActionPlans { get; init; } }
public sealed record ActionCollection : Page { public required Action[] Actions { get; init; } }
public sealed record ScoringEngineCollection : Page { public required ScoringEngine[] ScoringEngines { get; init; } }
public sealed record ServiceCollection : Page { public required Service[] Services { get; init; } }

[Description("Watcher's error body. error_message is a string holding JSON: {\"faultcode\": \"Client\"|\"Server\", " +
    "\"faultstring\": \"<message>\", \"debuginfo\": null}; python-watcherclient decodes it a second time.")]
public sealed record ErrorBody
{
    public required string ErrorMessage { get; init; }
}

[Description("POST /v1/audits. Give goal (or audit_template_uuid) and audit_type; a CONTINUOUS audit needs interval.")]
public sealed record AuditCreate
{
    [Description("ONESHOT, CONTINUOUS or EVENT.")]
    public required string AuditType { get; init; }
    [Description("UUID or name of an audit template: its goal, strategy, scope and default parameters.")]
    public string? AuditTemplateUuid { get; init; }
    [Description("UUID or name of a goal.")]
    public string? Goal { get; init; }
    [Description("UUID or name of a strategy of that goal.")]
    public string? Strategy { get; init; }
    [Description("At most 63 characters, no control characters; generated when absent.")]
    public string? Name { get; init; }
    [Description("The strategy's parameters (see its parameters_spec).")]
    public JsonObject? Parameters { get; init; }
    [Description("Seconds, or a cron expression.")]
    public string? Interval { get; init; }
    public bool? AutoTrigger { get; init; }
    [Description("Microversion 1.1: when a CONTINUOUS audit starts.")]
    public DateTimeOffset? StartTime { get; init; }
    [Description("Microversion 1.1: when a CONTINUOUS audit stops.")]
    public DateTimeOffset? EndTime { get; init; }
    [Description("Microversion 1.2: audit even while another audit of the scope is ongoing.")]
    public bool? Force { get; init; }
}

[Description("POST /v1/audit_templates.")]
public sealed record AuditTemplateCreate
{
    [Description("At most 63 characters, unique.")]
    public required string Name { get; init; }
    [Description("UUID or name of a goal.")]
    public required string Goal { get; init; }
    [Description("UUID or name of a strategy of that goal.")]
    public string? Strategy { get; init; }
    [Description("At most 255 characters.")]
    public string? Description { get; init; }
    public JsonArray? Scope { get; init; }
    [Description("Microversion 1.5.")]
    public JsonObject? DefaultParameters { get; init; }
}

[Description("One RFC 6902 operation of a PATCH body, e.g. {\"op\": \"replace\", \"path\": \"/state\", \"value\": \"CANCELLED\"}.")]
public sealed record PatchOperation
{
    [Description("add, replace or remove.")]
    public required string Op { get; init; }
    [Description("The field, as /name.")]
    public required string Path { get; init; }
    public JsonNode? Value { get; init; }
}

[Description("An API version in the version documents.")]
public sealed record ApiVersionInfo
{
    public required string Id { get; init; }
    public required string Status { get; init; }
    [Description("Lowest microversion (1.0).")]
    public required string MinVersion { get; init; }
    [Description("Highest microversion served.")]
    public required string MaxVersion { get; init; }
    public required Link[] Links { get; init; }
}

[Description("GET /: the API versions.")]
public sealed record VersionRoot
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required ApiVersionInfo[] Versions { get; init; }
    public required ApiVersionInfo DefaultVersion { get; init; }
}

public sealed record MediaType
{
    public required string Base { get; init; }
    public required string Type { get; init; }
}

[Description("GET /v1: the collections of version 1 (data_model from 1.3, webhooks from 1.4).")]
public sealed record VersionOne
{
    public required string Id { get; init; }
    public required MediaType[] MediaTypes { get; init; }
    public required Link[] Links { get; init; }
    public required Link[] AuditTemplates { get; init; }
    public required Link[] Audits { get; init; }
    public required Link[] Actions { get; init; }
    public required Link[] ActionPlans { get; init; }
    public required Link[] ScoringEngines { get; init; }
    public required Link[] Services { get; init; }
    public Link[]? DataModel { get; init; }
    public Link[]? Webhooks { get; init; }
}
