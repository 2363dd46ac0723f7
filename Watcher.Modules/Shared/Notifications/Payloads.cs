using System.Globalization;
using System.Text.Json.Nodes;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Shared.Notifications;

/// <summary>
/// Upstream's notification payload objects (watcher/notifications/*.py, reference §12), built from our rows: same
/// object names, versions and field names (including the misspelt <c>sevice_host</c>), so a consumer of upstream's
/// notifications reads ours unchanged.
/// </summary>
public static class Payloads
{
    public static VersionedPayload Goal(Goal goal) => new("GoalPayload", "1.0", new JsonObject
    {
        ["uuid"] = goal.Uuid,
        ["name"] = goal.Name,
        ["display_name"] = goal.DisplayName,
        ["efficacy_specification"] = goal.EfficacySpecification.DeepClone(),
        ["created_at"] = Time(goal.CreatedAt),
        ["updated_at"] = Time(goal.UpdatedAt),
        ["deleted_at"] = Time(goal.DeletedAt),
    });

    public static VersionedPayload Strategy(Strategy strategy) => new("StrategyPayload", "1.0", new JsonObject
    {
        ["uuid"] = strategy.Uuid,
        ["name"] = strategy.Name,
        ["display_name"] = strategy.DisplayName,
        ["parameters_spec"] = strategy.ParametersSpec.DeepClone(),
        ["created_at"] = Time(strategy.CreatedAt),
        ["updated_at"] = Time(strategy.UpdatedAt),
        ["deleted_at"] = Time(strategy.DeletedAt),
    });

    /// <summary>TerseAuditPayload 1.3: the audit without its goal and strategy objects.</summary>
    public static VersionedPayload TerseAudit(Audit audit, string goalUuid, string? strategyUuid) =>
        new("TerseAuditPayload", "1.3", AuditFields(audit, goalUuid, strategyUuid));

    /// <summary>
    /// AuditCreatePayload, AuditUpdatePayload (with <paramref name="stateUpdate"/>), AuditDeletePayload or
    /// AuditActionPayload (with <paramref name="fault"/>; pass <paramref name="withFault"/>), all version 1.2.
    /// </summary>
    public static VersionedPayload Audit(string name, Audit audit, Goal goal, Strategy? strategy,
        VersionedPayload? stateUpdate = null, VersionedPayload? fault = null, bool withFault = false)
    {
        var data = AuditFields(audit, goal.Uuid, strategy?.Uuid);
        data["goal"] = Goal(goal).ToPrimitive();
        data["strategy"] = strategy is null ? null : Strategy(strategy).ToPrimitive();
        if (stateUpdate is not null) data["state_update"] = stateUpdate.ToPrimitive();
        if (withFault) data["fault"] = fault?.ToPrimitive();
        return new VersionedPayload(name, "1.2", data);
    }

    /// <summary>TerseActionPlanPayload 1.2 (inside action payloads; strategy_uuid is the audit's strategy, as upstream).</summary>
    public static VersionedPayload TerseActionPlan(ActionPlan plan, string auditUuid, string? strategyUuid) =>
        new("TerseActionPlanPayload", "1.2", ActionPlanFields(plan, auditUuid, strategyUuid));

    /// <summary>ActionPlanCreate/Update/Delete/ActionPayload/CancelPayload, version 1.2.</summary>
    public static VersionedPayload ActionPlan(string name, ActionPlan plan, Audit audit, string goalUuid, Strategy strategy,
        VersionedPayload? stateUpdate = null, VersionedPayload? fault = null, bool withFault = false)
    {
        var data = ActionPlanFields(plan, audit.Uuid, strategy.Uuid);
        // Upstream's terse audit inside a plan payload carries no strategy_uuid.
        data["audit"] = TerseAudit(audit, goalUuid, null).ToPrimitive();
        data["strategy"] = Strategy(strategy).ToPrimitive();
        if (stateUpdate is not null) data["state_update"] = stateUpdate.ToPrimitive();
        if (withFault) data["fault"] = fault?.ToPrimitive();
        return new VersionedPayload(name, "1.2", data);
    }

    /// <summary>ActionCreate/Update/Delete/Execution/CancelPayload, version 1.1.</summary>
    public static VersionedPayload Action(string name, WatcherAction action, VersionedPayload terseActionPlan,
        VersionedPayload? stateUpdate = null, VersionedPayload? fault = null, bool withFault = false)
    {
        var data = new JsonObject
        {
            ["uuid"] = action.Uuid,
            ["action_type"] = action.ActionType,
            ["input_parameters"] = action.InputParameters.DeepClone(),
            ["state"] = action.State,
            ["parents"] = action.Parents?.DeepClone() ?? new JsonArray(),
            ["action_plan"] = terseActionPlan.ToPrimitive(),
            ["status_message"] = action.StatusMessage,
            ["created_at"] = Time(action.CreatedAt),
            ["updated_at"] = Time(action.UpdatedAt),
            ["deleted_at"] = Time(action.DeletedAt),
        };
        if (stateUpdate is not null) data["state_update"] = stateUpdate.ToPrimitive();
        if (withFault) data["fault"] = fault?.ToPrimitive();
        return new VersionedPayload(name, "1.1", data);
    }

    /// <summary>
    /// The state_update object of an update: old and new state only when the state changed, the status message only
    /// then and when there is one (upstream's rule).
    /// </summary>
    public static VersionedPayload StateUpdate(string objectName, string? oldState, string newState, string? statusMessage) =>
        new($"{objectName}StateUpdatePayload", "1.1", new JsonObject
        {
            ["old_state"] = oldState,
            ["state"] = oldState is null ? null : newState,
            ["status_message"] = oldState is not null && statusMessage is not null ? statusMessage : null,
        });

    /// <summary>ExceptionPayload: where the error was raised and what it said.</summary>
    public static VersionedPayload Fault(Exception exception)
    {
        var site = exception.TargetSite;
        return new VersionedPayload("ExceptionPayload", "1.0", new JsonObject
        {
            ["module_name"] = site?.DeclaringType?.FullName ?? exception.Source ?? "",
            ["function_name"] = site?.Name ?? "",
            ["exception"] = exception.GetType().Name,
            ["exception_message"] = exception.Message,
        });
    }

    /// <summary>ServiceUpdatePayload 1.0 for a status change (ACTIVE ⇄ FAILED).</summary>
    public static VersionedPayload ServiceUpdate(Service service, string oldStatus, string newStatus) =>
        new("ServiceUpdatePayload", "1.0", new JsonObject
        {
            ["sevice_host"] = service.Host,   // sic: upstream's key (reference §19 item 23, kept)
            ["name"] = service.Name,
            ["last_seen_up"] = Time(service.LastSeenUp),
            ["status_update"] = new VersionedPayload("ServiceStatusUpdatePayload", "1.0", new JsonObject
            {
                ["old_state"] = oldStatus,
                ["state"] = newStatus,
            }).ToPrimitive(),
        });

    private static JsonObject AuditFields(Audit audit, string goalUuid, string? strategyUuid) => new()
    {
        ["uuid"] = audit.Uuid,
        ["name"] = audit.Name,
        ["audit_type"] = audit.AuditType,
        ["state"] = audit.State,
        ["parameters"] = audit.Parameters.DeepClone(),
        ["interval"] = audit.Interval,
        ["scope"] = audit.Scope.DeepClone(),
        ["goal_uuid"] = goalUuid,
        ["strategy_uuid"] = strategyUuid,
        ["auto_trigger"] = audit.AutoTrigger,
        ["next_run_time"] = Time(audit.NextRunTime),
        ["created_at"] = Time(audit.CreatedAt),
        ["updated_at"] = Time(audit.UpdatedAt),
        ["deleted_at"] = Time(audit.DeletedAt),
        ["status_message"] = audit.StatusMessage,
    };

    private static JsonObject ActionPlanFields(ActionPlan plan, string auditUuid, string? strategyUuid) => new()
    {
        ["uuid"] = plan.Uuid,
        ["state"] = plan.State,
        ["global_efficacy"] = plan.GlobalEfficacy.DeepClone(),
        ["audit_uuid"] = auditUuid,
        ["strategy_uuid"] = strategyUuid,
        ["status_message"] = plan.StatusMessage,
        ["created_at"] = Time(plan.CreatedAt),
        ["updated_at"] = Time(plan.UpdatedAt),
        ["deleted_at"] = Time(plan.DeletedAt),
    };

    /// <summary>oslo.versionedobjects writes DateTimeField values as "2016-11-04T16:51:21Z".</summary>
    private static JsonNode? Time(DateTime? value) =>
        value is null ? null : JsonValue.Create(DateTime.SpecifyKind(value.Value, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
