using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.ActionPlans;

/// <summary>What an action plan's representation shows: its columns, its audit's uuid, its strategy, its indicators.</summary>
public sealed record ActionPlanRow(int Id, string Uuid, string AuditUuid, string StrategyUuid, string StrategyName, string State,
    List<IndicatorRow> EfficacyIndicators, JsonArray GlobalEfficacy, string? Hostname, string? StatusMessage,
    DateTime CreatedAt, DateTime? UpdatedAt, DateTime? DeletedAt) : ITimestamped;

public sealed record IndicatorRow(string Name, string? Description, string? Unit, double? Value, bool IsDeleted);

public static class ActionPlanView
{
    // No parent condition: plans are listed with their audit and strategy whether or not those were deleted.
    public static readonly SortFields<ActionPlan> Sort = new SortFields<ActionPlan>(Markers.ByUuid<ActionPlan>)
        .Key("uuid", p => p.Uuid).Key("state", p => p.State).Key("hostname", p => p.Hostname)
        .Key("audit_id", p => p.AuditId).Key("strategy_id", p => p.StrategyId)
        .Key("audit_uuid", p => p.Audit.Uuid).Key("strategy_uuid", p => p.Strategy.Uuid).Key("strategy_name", p => p.Strategy.Name)
        .WithTimestamps();

    /// <summary>
    /// The list query's projection: joins to audits and strategies, the page's indicators in the same query;
    /// also applied to loaded entities.
    /// </summary>
    public static readonly Expression<Func<ActionPlan, ActionPlanRow>> Row = p => new ActionPlanRow(
        p.Id, p.Uuid, p.Audit.Uuid, p.Strategy.Uuid, p.Strategy.Name, p.State,
        p.EfficacyIndicators.OrderBy(i => i.Id)
            .Select(i => new IndicatorRow(i.Name, i.Description, i.Unit, i.Value, i.DeletedAt != null)).ToList(),
        p.GlobalEfficacy, p.Hostname, p.StatusMessage, p.CreatedAt, p.UpdatedAt, p.DeletedAt);

    private static readonly Func<ActionPlan, ActionPlanRow> ToRow = Row.Compile();

    /// <summary>A plan loaded with its audit, strategy and indicators.</summary>
    public static JsonObject Build(ActionPlan plan, ApiContext context, bool detail) => Build(ToRow(plan), context, detail);

    public static JsonObject Build(ActionPlanRow plan, ApiContext context, bool detail)
    {
        var view = new JsonObject
        {
            ["uuid"] = plan.Uuid,
            ["audit_uuid"] = plan.AuditUuid,
            ["strategy_uuid"] = plan.StrategyUuid,
            ["strategy_name"] = plan.StrategyName,
            ["state"] = plan.State,
            ["efficacy_indicators"] = new JsonArray(plan.EfficacyIndicators.Where(i => !i.IsDeleted || context.ShowDeleted)
                .Select(i => (JsonNode)new JsonObject
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
