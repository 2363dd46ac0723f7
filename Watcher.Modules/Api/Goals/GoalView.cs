using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Goals;

public static class GoalView
{
    public static readonly SortFields<Goal> Sort = new SortFields<Goal>(Markers.ByUuid<Goal>)
        .Key("uuid", g => g.Uuid).Key("name", g => g.Name).Key("display_name", g => g.DisplayName).WithTimestamps();

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
