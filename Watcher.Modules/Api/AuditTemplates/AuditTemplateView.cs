using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.AuditTemplates;

public static class AuditTemplateView
{
    public static readonly SortFields<AuditTemplate> Sort = new(t => t.Id, t => t.Uuid, new Dictionary<string, Func<AuditTemplate, object?>>
    {
        ["id"] = t => t.Id, ["uuid"] = t => t.Uuid, ["name"] = t => t.Name, ["description"] = t => t.Description,
        ["goal_id"] = t => t.GoalId, ["strategy_id"] = t => t.StrategyId,
        ["goal_uuid"] = t => t.Goal.Uuid, ["goal_name"] = t => t.Goal.Name,
        ["strategy_uuid"] = t => t.Strategy?.Uuid, ["strategy_name"] = t => t.Strategy?.Name,
        ["created_at"] = t => t.CreatedAt, ["updated_at"] = t => t.UpdatedAt, ["deleted_at"] = t => t.DeletedAt,
    });

    public static JsonObject Build(AuditTemplate template, ApiContext context, bool detail)
    {
        var view = new JsonObject { ["uuid"] = template.Uuid, ["name"] = template.Name };
        if (detail) view["description"] = template.Description;
        view["goal_uuid"] = template.Goal.Uuid;
        view["goal_name"] = template.Goal.Name;
        view["strategy_uuid"] = template.Strategy?.Uuid;
        view["strategy_name"] = template.Strategy?.Name;
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
