using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Strategies;

public static class StrategyView
{
    public static readonly SortFields<Strategy> Sort = new(s => s.Id, s => s.Uuid, new Dictionary<string, Func<Strategy, object?>>
    {
        ["id"] = s => s.Id, ["uuid"] = s => s.Uuid, ["name"] = s => s.Name, ["display_name"] = s => s.DisplayName,
        ["goal_id"] = s => s.GoalId, ["goal_uuid"] = s => s.Goal.Uuid, ["goal_name"] = s => s.Goal.Name,
        ["created_at"] = s => s.CreatedAt, ["updated_at"] = s => s.UpdatedAt, ["deleted_at"] = s => s.DeletedAt,
    });

    public static JsonObject Build(Strategy strategy, ApiContext context, bool detail)
    {
        var view = new JsonObject
        {
            ["uuid"] = strategy.Uuid,
            ["name"] = strategy.Name,
            ["display_name"] = strategy.DisplayName,
            ["goal_uuid"] = strategy.Goal.Uuid,
            ["goal_name"] = strategy.Goal.Name,
        };
        if (detail)
        {
            view["parameters_spec"] = strategy.ParametersSpec.Clone();
            Timestamps.Add(view, strategy);
        }
        view["links"] = context.Links("strategies", strategy.Uuid);
        return view;
    }
}
