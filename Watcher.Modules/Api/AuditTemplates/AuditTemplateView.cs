using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.AuditTemplates;

/// <summary>What an audit template's representation shows: its columns, its goal's and strategy's uuid and name.</summary>
public sealed record AuditTemplateRow(int Id, string Uuid, string Name, string? Description, string GoalUuid, string GoalName,
    string? StrategyUuid, string? StrategyName, JsonArray Scope, JsonObject? DefaultParameters,
    DateTime CreatedAt, DateTime? UpdatedAt, DateTime? DeletedAt) : ITimestamped;

public static class AuditTemplateView
{
    public static readonly SortFields<AuditTemplate> Sort = new SortFields<AuditTemplate>(Markers.ByUuid<AuditTemplate>, t => t.Goal.Uuid != null)
        .Key("uuid", t => t.Uuid).Key("name", t => t.Name).Key("description", t => t.Description)
        .Key("goal_id", t => t.GoalId).Key("strategy_id", t => t.StrategyId)
        .Key("goal_uuid", t => t.Goal.Uuid).Key("goal_name", t => t.Goal.Name)
        .Key("strategy_uuid", t => t.Strategy!.Uuid).Key("strategy_name", t => t.Strategy!.Name)
        .WithTimestamps();

    /// <summary>The list query's projection (joins to goals and strategies); also applied to loaded entities.</summary>
    public static readonly Expression<Func<AuditTemplate, AuditTemplateRow>> Row = t => new AuditTemplateRow(
        t.Id, t.Uuid, t.Name, t.Description, t.Goal.Uuid, t.Goal.Name,
        t.Strategy != null ? t.Strategy.Uuid : null, t.Strategy != null ? t.Strategy.Name : null,
        t.Scope, t.DefaultParameters, t.CreatedAt, t.UpdatedAt, t.DeletedAt);

    private static readonly Func<AuditTemplate, AuditTemplateRow> ToRow = Row.Compile();

    /// <summary>A template loaded with its goal and strategy.</summary>
    public static JsonObject Build(AuditTemplate template, ApiContext context, bool detail) => Build(ToRow(template), context, detail);

    public static JsonObject Build(AuditTemplateRow template, ApiContext context, bool detail)
    {
        var view = new JsonObject { ["uuid"] = template.Uuid, ["name"] = template.Name };
        if (detail) view["description"] = template.Description;
        view["goal_uuid"] = template.GoalUuid;
        view["goal_name"] = template.GoalName;
        view["strategy_uuid"] = template.StrategyUuid;
        view["strategy_name"] = template.StrategyName;
        view["scope"] = template.Scope.Clone();
        if (detail)
        {
            if (context.Version.AtLeast(ApiVersion.DefaultParameters))
                view["default_parameters"] = template.DefaultParameters.Clone();
            Timestamps.Add(view, template);
        }
        view["links"] = context.Links("audit_templates", template.Uuid);
        return view;
    }
}
