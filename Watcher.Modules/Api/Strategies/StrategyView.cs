using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Strategies;

/// <summary>What a strategy's representation shows: its own columns and its goal's uuid and name.</summary>
public sealed record StrategyRow(int Id, string Uuid, string Name, string DisplayName, string GoalUuid, string GoalName,
    JsonObject ParametersSpec, DateTime CreatedAt, DateTime? UpdatedAt, DateTime? DeletedAt) : ITimestamped;

public static class StrategyView
{
    public static readonly SortFields<Strategy> Sort = new SortFields<Strategy>(Markers.ByUuid<Strategy>, s => s.Goal.Uuid != null)
        .Key("uuid", s => s.Uuid).Key("name", s => s.Name).Key("display_name", s => s.DisplayName)
        .Key("goal_id", s => s.GoalId).Key("goal_uuid", s => s.Goal.Uuid).Key("goal_name", s => s.Goal.Name)
        .WithTimestamps();

    /// <summary>The list query's projection (a join to goals, no goal JSON); also applied to loaded entities.</summary>
    public static readonly Expression<Func<Strategy, StrategyRow>> Row = s => new StrategyRow(s.Id, s.Uuid, s.Name, s.DisplayName,
        s.Goal.Uuid, s.Goal.Name, s.ParametersSpec, s.CreatedAt, s.UpdatedAt, s.DeletedAt);

    private static readonly Func<Strategy, StrategyRow> ToRow = Row.Compile();

    /// <summary>A strategy loaded with its goal.</summary>
    public static JsonObject Build(Strategy strategy, ApiContext context, bool detail) => Build(ToRow(strategy), context, detail);

    public static JsonObject Build(StrategyRow strategy, ApiContext context, bool detail)
    {
        var view = new JsonObject
        {
            ["uuid"] = strategy.Uuid,
            ["name"] = strategy.Name,
            ["display_name"] = strategy.DisplayName,
            ["goal_uuid"] = strategy.GoalUuid,
            ["goal_name"] = strategy.GoalName,
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
