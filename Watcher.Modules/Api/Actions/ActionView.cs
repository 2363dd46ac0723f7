using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Actions;

public static class ActionView
{
    public static readonly SortFields<WatcherAction> Sort = new(a => a.Id, a => a.Uuid, new Dictionary<string, Func<WatcherAction, object?>>
    {
        ["id"] = a => a.Id, ["uuid"] = a => a.Uuid, ["action_type"] = a => a.ActionType, ["state"] = a => a.State,
        ["action_plan_id"] = a => a.ActionPlanId, ["action_plan_uuid"] = a => a.ActionPlan.Uuid,
        ["created_at"] = a => a.CreatedAt, ["updated_at"] = a => a.UpdatedAt, ["deleted_at"] = a => a.DeletedAt,
    });

    /// <summary><paramref name="descriptions"/>: action_type → human text; "" when the type has none.</summary>
    public static JsonObject Build(WatcherAction action, ApiContext context, bool detail, IReadOnlyDictionary<string, string> descriptions)
    {
        var view = new JsonObject
        {
            ["uuid"] = action.Uuid,
            ["action_plan_uuid"] = action.ActionPlan.Uuid,
            ["action_type"] = action.ActionType,
            ["state"] = action.State,
            ["parents"] = action.Parents.Clone(),
        };
        if (detail)
        {
            view["input_parameters"] = action.InputParameters.Clone();
            view["description"] = descriptions.GetValueOrDefault(action.ActionType, "");
            if (context.Version.AtLeast(ApiVersion.SkipActions)) view["status_message"] = action.StatusMessage;
            Timestamps.Add(view, action);
        }
        view["links"] = context.Links("actions", action.Uuid);
        return view;
    }
}
