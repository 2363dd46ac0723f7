using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Actions;

/// <summary>What an action's representation shows: its columns and its plan's uuid.</summary>
public sealed record ActionRow(int Id, string Uuid, string ActionPlanUuid, string ActionType, string State, JsonArray? Parents,
    JsonObject InputParameters, string? StatusMessage, DateTime CreatedAt, DateTime? UpdatedAt, DateTime? DeletedAt) : ITimestamped;

public static class ActionView
{
    public static readonly SortFields<WatcherAction> Sort = new SortFields<WatcherAction>(Markers.ByUuid<WatcherAction>, a => a.ActionPlan.Uuid != null)
        .Key("uuid", a => a.Uuid).Key("action_type", a => a.ActionType).Key("state", a => a.State)
        .Key("action_plan_id", a => a.ActionPlanId).Key("action_plan_uuid", a => a.ActionPlan.Uuid)
        .WithTimestamps();

    /// <summary>The list query's projection (a join to action_plans for its uuid); also applied to loaded entities.</summary>
    public static readonly Expression<Func<WatcherAction, ActionRow>> Row = a => new ActionRow(
        a.Id, a.Uuid, a.ActionPlan.Uuid, a.ActionType, a.State, a.Parents, a.InputParameters, a.StatusMessage,
        a.CreatedAt, a.UpdatedAt, a.DeletedAt);

    private static readonly Func<WatcherAction, ActionRow> ToRow = Row.Compile();

    /// <summary>An action loaded with its plan. <paramref name="descriptions"/>: action_type → human text.</summary>
    public static JsonObject Build(WatcherAction action, ApiContext context, bool detail, IReadOnlyDictionary<string, string> descriptions) =>
        Build(ToRow(action), context, detail, descriptions);

    /// <summary><paramref name="descriptions"/>: action_type → human text; "" when the type has none.</summary>
    public static JsonObject Build(ActionRow action, ApiContext context, bool detail, IReadOnlyDictionary<string, string> descriptions)
    {
        var view = new JsonObject
        {
            ["uuid"] = action.Uuid,
            ["action_plan_uuid"] = action.ActionPlanUuid,
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
