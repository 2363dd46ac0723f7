using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Goals;

public static class GoalView
{
    public static readonly SortFields<Goal> Sort = new(g => g.Id, g => g.Uuid, new Dictionary<string, Func<Goal, object?>>
    {
        ["id"] = g => g.Id, ["uuid"] = g => g.Uuid, ["name"] = g => g.Name, ["display_name"] = g => g.DisplayName,
        ["created_at"] = g => g.CreatedAt, ["updated_at"] = g => g.UpdatedAt, ["deleted_at"] = g => g.DeletedAt,
    });

    public static JsonObject Build(Goal goal, ApiContext context, bool detail)
    {
        var view = new JsonObject
        {
            ["uuid"] = goal.Uuid,
            ["name"] = goal.Name,
            ["display_name"] = goal.DisplayName,
            ["efficacy_specification"] = goal.EfficacySpecification.Clone(),
        };
        if (detail) Timestamps.Add(view, goal);
        view["links"] = context.Links("goals", goal.Uuid);
        return view;
    }
}
