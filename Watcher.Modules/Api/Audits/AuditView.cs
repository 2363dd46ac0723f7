using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Audits;

/// <summary>What an audit's representation shows: its columns, its goal's and strategy's uuid and name.</summary>
public sealed record AuditRow(int Id, string Uuid, string Name, string AuditType, string State,
    string GoalUuid, string GoalName, string? StrategyUuid, string? StrategyName, string? Interval, JsonArray Scope,
    bool AutoTrigger, DateTime? NextRunTime, JsonObject Parameters, string? Hostname, DateTime? StartTime, DateTime? EndTime,
    bool Force, string? StatusMessage, DateTime CreatedAt, DateTime? UpdatedAt, DateTime? DeletedAt) : ITimestamped;

public static class AuditView
{
    public static readonly SortFields<Audit> Sort = new SortFields<Audit>(Markers.ByUuid<Audit>, a => a.Goal.Uuid != null)
        .Key("uuid", a => a.Uuid).Key("name", a => a.Name).Key("audit_type", a => a.AuditType).Key("state", a => a.State)
        .Key("interval", a => a.Interval).Key("goal_id", a => a.GoalId).Key("strategy_id", a => a.StrategyId)
        .Key("auto_trigger", a => a.AutoTrigger).Key("next_run_time", a => a.NextRunTime).Key("hostname", a => a.Hostname)
        .Key("start_time", a => a.StartTime).Key("end_time", a => a.EndTime).Key("force", a => a.Force)
        .Key("goal_uuid", a => a.Goal.Uuid).Key("goal_name", a => a.Goal.Name)
        .Key("strategy_uuid", a => a.Strategy!.Uuid).Key("strategy_name", a => a.Strategy!.Name)
        .WithTimestamps();

    /// <summary>The list query's projection (joins to goals and strategies); also applied to loaded entities.</summary>
    public static readonly Expression<Func<Audit, AuditRow>> Row = a => new AuditRow(
        a.Id, a.Uuid, a.Name, a.AuditType, a.State, a.Goal.Uuid, a.Goal.Name,
        a.Strategy != null ? a.Strategy.Uuid : null, a.Strategy != null ? a.Strategy.Name : null,
        a.Interval, a.Scope, a.AutoTrigger, a.NextRunTime, a.Parameters, a.Hostname, a.StartTime, a.EndTime,
        a.Force, a.StatusMessage, a.CreatedAt, a.UpdatedAt, a.DeletedAt);

    private static readonly Func<Audit, AuditRow> ToRow = Row.Compile();

    /// <summary>An audit loaded with its goal and strategy.</summary>
    public static JsonObject Build(Audit audit, ApiContext context, bool detail) => Build(ToRow(audit), context, detail);

    public static JsonObject Build(AuditRow audit, ApiContext context, bool detail)
    {
        var v = context.Version;
        var view = new JsonObject
        {
            ["uuid"] = audit.Uuid,
            ["name"] = audit.Name,
            ["audit_type"] = audit.AuditType,
            ["state"] = audit.State,
            ["goal_uuid"] = audit.GoalUuid,
            ["goal_name"] = audit.GoalName,
            ["strategy_uuid"] = audit.StrategyUuid,
            ["strategy_name"] = audit.StrategyName,
            ["interval"] = audit.Interval,
            ["scope"] = audit.Scope.Clone(),
            ["auto_trigger"] = audit.AutoTrigger,
            ["next_run_time"] = Wire.Date(audit.NextRunTime),
        };
        if (detail)
        {
            view["parameters"] = audit.Parameters.Clone();
            view["hostname"] = audit.Hostname;
            if (v.AtLeast(ApiVersion.StartEndTime))
            {
                view["start_time"] = Wire.Date(audit.StartTime);
                view["end_time"] = Wire.Date(audit.EndTime);
            }
            if (v.AtLeast(ApiVersion.Force)) view["force"] = audit.Force;
            if (v.AtLeast(ApiVersion.SkipActions)) view["status_message"] = audit.StatusMessage;
            Timestamps.Add(view, audit);
        }
        view["links"] = context.Links("audits", audit.Uuid);
        return view;
    }
}
