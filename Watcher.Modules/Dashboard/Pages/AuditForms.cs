using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Watcher.Modules.Api.AuditTemplates;
using Watcher.Modules.Api.Strategies;
using Watcher.Modules.Dashboard.Http;

namespace Watcher.Modules.Dashboard.Pages;

/// <summary>
/// The audit and audit-template forms: read what was typed (query string while choosing goal → strategy, form body
/// on submit), load the choices, and build the API request body. No rule is checked here: the API's create
/// handlers check everything and their messages are shown above the form.
/// </summary>
public static class AuditForms
{
    public static AuditFormValues Read(IEnumerable<KeyValuePair<string, StringValues>> fields)
    {
        var f = fields.ToDictionary(x => x.Key, x => x.Value.ToString());
        string? Get(string name) => f.TryGetValue(name, out var v) && v.Trim().Length > 0 ? v.Trim() : null;
        return new AuditFormValues(Get("template"), Get("goal"), Get("strategy"), Get("name"), Get("description"),
            Get("audit_type") ?? "ONESHOT", Get("interval"), Get("auto_trigger") is "true" or "on", Get("scope"),
            ParameterForm.Values(fields));
    }

    public static async Task<AuditFormModel> LoadAsync(IMediator m, HttpContext http, bool isTemplate, AuditFormValues values,
        string? error = null)
    {
        var context = UiRequests.Context(http);
        var templates = isTemplate ? [] : await m.AllAsync(http, "audit_templates", q => new ListAuditTemplates(q));
        var template = values.Template is { } t ? templates.FirstOrDefault(x => x.Text("uuid") == t || x.Text("name") == t) : null;
        var goal = template?.Text("goal_name") ?? values.Goal;
        var strategies = goal is null ? [] : await CatalogEndpoints.Strategies(m, http, goal);
        var strategyName = values.Strategy ?? template?.Text("strategy_name");
        var strategy = strategyName is null ? null
            : strategies.FirstOrDefault(s => s.Text("name") == strategyName || s.Text("uuid") == strategyName) is { } listed
                ? await m.Send(new GetStrategy(context, listed.Text("uuid")!), http.RequestAborted)
                : null;
        return new AuditFormModel(isTemplate, await CatalogEndpoints.Goals(m, http), strategies, templates, strategy, template,
            values, error);
    }

    /// <summary>POST /v1/audits body: from a template (which brings its goal, strategy and scope) or from a goal.</summary>
    public static JsonObject AuditBody(AuditFormValues v, JsonObject? strategy)
    {
        var body = new JsonObject { ["audit_type"] = v.AuditType, ["auto_trigger"] = v.AutoTrigger };
        if (v.Template is not null) body["audit_template_uuid"] = v.Template;
        else if (v.Goal is not null) body["goal"] = v.Goal;
        if (v.Strategy is not null) body["strategy"] = v.Strategy;
        if (v.Name is not null) body["name"] = v.Name;
        if (v.Interval is not null) body["interval"] = v.Interval;
        var parameters = ParameterForm.ToJson(v.Parameters, strategy?.Object("parameters_spec"));
        if (parameters.Count > 0) body["parameters"] = parameters;
        return body;
    }

    /// <summary>POST /v1/audit_templates body; a scope that is not JSON goes as text, for the API to refuse in its words.</summary>
    public static JsonObject TemplateBody(AuditFormValues v, JsonObject? strategy)
    {
        var body = new JsonObject();
        if (v.Name is not null) body["name"] = v.Name;
        if (v.Description is not null) body["description"] = v.Description;
        if (v.Goal is not null) body["goal"] = v.Goal;
        if (v.Strategy is not null) body["strategy"] = v.Strategy;
        if (v.Scope is not null) body["scope"] = ParseOrText(v.Scope);
        var defaults = ParameterForm.ToJson(v.Parameters, strategy?.Object("parameters_spec"));
        if (defaults.Count > 0) body["default_parameters"] = defaults;
        return body;
    }

    private static JsonNode? ParseOrText(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return JsonValue.Create(text); }
    }
}
