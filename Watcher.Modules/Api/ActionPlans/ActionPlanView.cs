using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.ActionPlans;

public static class ActionPlanView
{
    public static readonly SortFields<ActionPlan> Sort = new(p => p.Id, p => p.Uuid, new Dictionary<string, Func<ActionPlan, object?>>
    {
        ["id"] = p => p.Id, ["uuid"] = p => p.Uuid, ["state"] = p => p.State, ["hostname"] = p => p.Hostname,
        ["audit_id"] = p => p.AuditId, ["strategy_id"] = p => p.StrategyId,
        ["audit_uuid"] = p => p.Audit.Uuid, ["strategy_uuid"] = p => p.Strategy.Uuid, ["strategy_name"] = p => p.Strategy.Name,
        ["created_at"] = p => p.CreatedAt, ["updated_at"] = p => p.UpdatedAt, ["deleted_at"] = p => p.DeletedAt,
    });

    public static JsonObject Build(ActionPlan plan, ApiContext context, bool detail)
    {
        var view = new JsonObject
        {
            ["uuid"] = plan.Uuid,
            ["audit_uuid"] = plan.Audit.Uuid,
            ["strategy_uuid"] = plan.Strategy.Uuid,
            ["strategy_name"] = plan.Strategy.Name,
            ["state"] = plan.State,
            ["efficacy_indicators"] = new JsonArray(plan.EfficacyIndicators.Where(i => !i.IsDeleted || context.ShowDeleted)
                .OrderBy(i => i.Id).Select(i => (JsonNode)new JsonObject
                {
                    ["name"] = i.Name, ["description"] = i.Description, ["unit"] = i.Unit, ["value"] = i.Value,
                }).ToArray()),
            ["global_efficacy"] = plan.GlobalEfficacy.Clone(),
        };
        if (detail)
        {
            view["hostname"] = plan.Hostname;
            if (context.Version.AtLeast(ApiVersion.SkipActions)) view["status_message"] = plan.StatusMessage;
            Timestamps.Add(view, plan);
        }
        else
        {
            view["updated_at"] = Wire.Date(plan.UpdatedAt);
        }
        view["links"] = context.Links("action_plans", plan.Uuid);
        return view;
    }
}
