using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Watcher.Modules.Api.OpenApi;

// The wire shapes the views (…View.Build) write, for the OpenAPI document only: the views build JsonObjects
// directly (version-filtered, short or detail form), so these records are never serialized. A `required` member is
// in every form and version; the others appear in the detail form or from a microversion on. ApiDocumentTests
// validate real responses against the schemas generated from these records, so a drift fails a test.

[Description("A link to a resource: rel is self (under /v1) or bookmark.")]
public sealed record Link
{
    [Description("Absolute URL.")]
    public required string Href { get; init; }
    public required string Rel { get; init; }
    [Description("Media type of the target (only on the describedby link of /v1).")]
    public string? Type { get; init; }
}

[Description("Creation, update and soft-deletion times (detail form), ISO 8601 with +00:00.")]
public abstract record Timestamped
{
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    [Description("Set when soft-deleted; such rows are shown only with X-Show-Deleted: true.")]
    public DateTimeOffset? DeletedAt { get; init; }
}

[Description("An optimization goal (server_consolidation, thermal_optimization...).")]
public sealed record Goal : Timestamped
{
    public required string Uuid { get; init; }
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    [Description("The goal's efficacy indicators: name, description, unit, schema.")]
    public required JsonArray EfficacySpecification { get; init; }
    public required Link[] Links { get; init; }
}

[Description("A strategy reaching a goal.")]
public sealed record Strategy : Timestamped
{
    public required string Uuid { get; init; }
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public required string GoalUuid { get; init; }
    public required string GoalName { get; init; }
    [Description("JSON schema of the strategy's parameters (detail form).")]
    public JsonObject? ParametersSpec { get; init; }
    public required Link[] Links { get; init; }
}

[Description("One row of GET /v1/strategies/{strategy}/state: a datasource, metric or cluster-model check.")]
public sealed record StrategyStateItem
{
    [Description("Datasource, Metrics, CDM, Name...")]
    public required string Type { get; init; }
    [Description("The check's result: a text, or a list of metrics with their availability.")]
    public required JsonNode State { get; init; }
    public required JsonNode Mandatory { get; init; }
    public required string Comment { get; init; }
}

[Description("A reusable audit definition.")]
public sealed record AuditTemplate : Timestamped
{
    public required string Uuid { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string GoalUuid { get; init; }
    public required string GoalName { get; init; }
    public required string? StrategyUuid { get; init; }
    public required string? StrategyName { get; init; }
    [Description("Which part of the cluster an audit looks at (reference §4.1).")]
    public required JsonArray Scope { get; init; }
    [Description("Parameters an audit of this template starts from (microversion 1.5).")]
    public JsonObject? DefaultParameters { get; init; }
    public required Link[] Links { get; init; }
}

[Description("A request for optimization: ONESHOT, CONTINUOUS (interval or cron) or EVENT.")]
public sealed record Audit : Timestamped
{
    public required string Uuid { get; init; }
    public required string Name { get; init; }
    public required string AuditType { get; init; }
    [Description("PENDING, ONGOING, SUCCEEDED, FAILED, CANCELLED, SUSPENDED or DELETED.")]
    public required string State { get; init; }
    public required string GoalUuid { get; init; }
    public required string GoalName { get; init; }
    public required string? StrategyUuid { get; init; }
    public required string? StrategyName { get; init; }
    [Description("Seconds or a cron expression (CONTINUOUS audits).")]
    public required string? Interval { get; init; }
    public required JsonArray Scope { get; init; }
    public required bool AutoTrigger { get; init; }
    public required DateTimeOffset? NextRunTime { get; init; }
    public JsonObject? Parameters { get; init; }
    public string? Hostname { get; init; }
    [Description("Microversion 1.1.")]
    public DateTimeOffset? StartTime { get; init; }
    [Description("Microversion 1.1.")]
    public DateTimeOffset? EndTime { get; init; }
    [Description("Microversion 1.2.")]
    public bool? Force { get; init; }
    [Description("Microversion 1.5.")]
    public string? StatusMessage { get; init; }
    public required Link[] Links { get; init; }
}

[Description("An efficacy indicator of an action plan.")]
public sealed record EfficacyIndicator
{
    public required string Name { get; init; }
    public required string? Description { get; init; }
    public required string? Unit { get; init; }
    public required double? Value { get; init; }
}

[Description("The ordered actions an audit recommends.")]
public sealed record ActionPlan : Timestamped
{
    public required string Uuid { get; init; }
    public required string AuditUuid { get; init; }
    public required string StrategyUuid { get; init; }
    public required string StrategyName { get; init; }
    [Description("RECOMMENDED, PENDING, ONGOING, SUCCEEDED, FAILED, SUPERSEDED, CANCELLING, CANCELLED or DELETED.")]
    public required string State { get; init; }
    public required EfficacyIndicator[] EfficacyIndicators { get; init; }
    public required JsonArray GlobalEfficacy { get; init; }
    public string? Hostname { get; init; }
    [Description("Microversion 1.5.")]
    public string? StatusMessage { get; init; }
    public required Link[] Links { get; init; }
}

[Description("One step of an action plan (migrate, change_nova_service_state, resize...).")]
public sealed record Action : Timestamped
{
    public required string Uuid { get; init; }
    public required string ActionPlanUuid { get; init; }
    public required string ActionType { get; init; }
    [Description("PENDING, ONGOING, SUCCEEDED, FAILED, SKIPPED, CANCELLED or DELETED.")]
    public required string State { get; init; }
    [Description("UUIDs of the actions that must finish first; null from planners that order by other means " +
        "(workload_stabilization), as upstream.")]
    public required string[]? Parents { get; init; }
    public JsonObject? InputParameters { get; init; }
    public string? Description { get; init; }
    [Description("Microversion 1.5.")]
    public string? StatusMessage { get; init; }
    public required Link[] Links { get; init; }
}

[Description("A scoring engine (none are registered by default).")]
public sealed record ScoringEngine : Timestamped
{
    public required string Uuid { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public string? Metainfo { get; init; }
    public required Link[] Links { get; init; }
}

[Description("A Watcher process role on a host (watcher-decision-engine, watcher-applier).")]
public sealed record Service : Timestamped
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required string Host { get; init; }
    [Description("ACTIVE or FAILED (no heartbeat within the service down time).")]
    public required string Status { get; init; }
    public DateTimeOffset? LastSeenUp { get; init; }
    public required Link[] Links { get; init; }
}

[Description("The cluster data model (microversion 1.3): one row per compute node and server on it.")]
public sealed record DataModel
{
    [Description("Rows with node_* fields, and server_* fields for each server.")]
    public required JsonObject[] Context { get; init; }
}

[Description("GET /progress/action_plans/{plan} (ours, outside upstream's /v1 wire): how far a plan got.")]
public sealed record ActionPlanProgress
{
    public required string ActionPlanUuid { get; init; }
    public required string State { get; init; }
    public required string? StatusMessage { get; init; }
    public required int Total { get; init; }
    [Description("succeeded + skipped.")]
    public required int Done { get; init; }
    public required int Succeeded { get; init; }
    public required int Skipped { get; init; }
    public required int Failed { get; init; }
    public required int Cancelled { get; init; }
    [Description("ONGOING or CANCELLING actions.")]
    public required int Running { get; init; }
    public required int Pending { get; init; }
    [Description("running + pending.")]
    public required int Left { get; init; }
    public required ProgressRunningAction[] RunningActions { get; init; }
}

public sealed record ProgressRunningAction
{
    public required string Uuid { get; init; }
    public required string ActionType { get; init; }
    public required string State { get; init; }
}
