using System.Text.Json.Nodes;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Dashboard.Http;

namespace Watcher.Modules.Dashboard.Pages;

/// <summary>What each page renders. JSON items are the API's own views (highest microversion).</summary>
public sealed record ErrorModel(int Status, string Message);

public sealed record OverviewModel(
    IReadOnlyList<HostUsage> Hosts, string? ClusterError, IReadOnlyList<JsonObject> Audits, IReadOnlyList<JsonObject> Plans,
    IReadOnlyList<JsonObject> Services);

public sealed record GoalsModel(IReadOnlyList<JsonObject> Goals, IReadOnlyList<JsonObject> Strategies);

public sealed record GoalModel(JsonObject Goal, IReadOnlyList<JsonObject> Strategies);

public sealed record StrategyModel(JsonObject Strategy, JsonArray? State, string? StateError);

/// <summary>A list page: one page of items, the filters applied and the choices for the filter selects.</summary>
public sealed record ListModel(
    ListPage Page, IReadOnlyDictionary<string, string> Filters, string? Marker,
    IReadOnlyList<JsonObject> Goals, IReadOnlyList<JsonObject> Strategies);

public sealed record AuditTemplateModel(JsonObject Template, string? Error = null);

public sealed record AuditModel(JsonObject Audit, IReadOnlyList<JsonObject> Plans, string? Error = null);

/// <summary>A plan's page: the plan, its actions, and the applier's count of how far it got.</summary>
public sealed record ActionPlanModel(JsonObject Plan, IReadOnlyList<JsonObject> Actions, ActionPlanProgress Progress, string? Error = null);

public sealed record WhatIfModel(JsonObject Plan, IReadOnlyList<JsonObject> Actions, PlanProjection? Projection, string? Error);

/// <summary>
/// The audit and audit-template forms: the choices (goals, the chosen goal's strategies, templates), the chosen
/// strategy's detail (its parameters_spec drives the parameter fields) and what was typed, kept across errors.
/// </summary>
public sealed record AuditFormModel(
    bool IsTemplate,
    IReadOnlyList<JsonObject> Goals,
    IReadOnlyList<JsonObject> Strategies,
    IReadOnlyList<JsonObject> Templates,
    JsonObject? Strategy,
    JsonObject? Template,
    AuditFormValues Values,
    string? Error = null);

public sealed record AuditFormValues(
    string? Template, string? Goal, string? Strategy, string? Name, string? Description, string AuditType, string? Interval,
    bool AutoTrigger, string? Scope, IReadOnlyDictionary<string, string> Parameters);

/// <summary>The login form: what was typed (never the password or token), where to go after, and why it was refused.</summary>
public sealed record LoginModel(string Next, string? UserName = null, string? Project = null, string UserDomain = "Default",
    string ProjectDomain = "Default", string? Error = null);
