using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Audits;

public static class AuditView
{
    public static readonly SortFields<Audit> Sort = new(a => a.Id, a => a.Uuid, new Dictionary<string, Func<Audit, object?>>
    {
        ["id"] = a => a.Id, ["uuid"] = a => a.Uuid, ["name"] = a => a.Name, ["audit_type"] = a => a.AuditType,
        ["state"] = a => a.State, ["interval"] = a => a.Interval, ["goal_id"] = a => a.GoalId, ["strategy_id"] = a => a.StrategyId,
        ["auto_trigger"] = a => a.AutoTrigger, ["next_run_time"] = a => a.NextRunTime, ["hostname"] = a => a.Hostname,
        ["start_time"] = a => a.StartTime, ["end_time"] = a => a.EndTime, ["force"] = a => a.Force,
        ["goal_uuid"] = a => a.Goal.Uuid, ["goal_name"] = a => a.Goal.Name,
        ["strategy_uuid"] = a => a.Strategy?.Uuid, ["strategy_name"] = a => a.Strategy?.Name,
        ["created_at"] = a => a.CreatedAt, ["updated_at"] = a => a.UpdatedAt, ["deleted_at"] = a => a.DeletedAt,
    });

    public static JsonObject Build(Audit audit, ApiContext context, bool detail)
    {
        var v = context.Version;
        var view = new JsonObject
        {
            ["uuid"] = audit.Uuid,
            ["name"] = audit.Name,
            ["audit_type"] = audit.AuditType,
            ["state"] = audit.State,
            ["goal_uuid"] = audit.Goal.Uuid,
            ["goal_name"] = audit.Goal.Name,
            ["strategy_uuid"] = audit.Strategy?.Uuid,
            ["strategy_name"] = audit.Strategy?.Name,
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
