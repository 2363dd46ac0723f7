using System.Text.Json.Nodes;

namespace Watcher.Modules.Persistence.Entities;

public static class ActionStates
{
    public const string Pending = "PENDING", Ongoing = "ONGOING", Succeeded = "SUCCEEDED", Failed = "FAILED",
        Skipped = "SKIPPED", Cancelling = "CANCELLING", Cancelled = "CANCELLED", Deleted = "DELETED";

    public static readonly IReadOnlyList<string> All = [Pending, Ongoing, Succeeded, Failed, Skipped, Cancelling, Cancelled, Deleted];
}

/// <summary>
/// One step of an action plan (table <c>actions</c>). Named WatcherAction to stay clear of System.Action.
/// State rules: reference §4.3.
/// </summary>
public sealed class WatcherAction : UuidEntity
{
    public int ActionPlanId { get; set; }
    public ActionPlan ActionPlan { get; set; } = null!;
    public string ActionType { get; set; } = "";
    public JsonObject InputParameters { get; set; } = new();
    public string State { get; private set; } = ActionStates.Pending;
    /// <summary>Parent action UUIDs; null for planners that do not set them.</summary>
    public JsonArray? Parents { get; set; } = new();
    public string? StatusMessage { get => _statusMessage; set => _statusMessage = Configurations.ColumnLengths.Cut(value); }
    private string? _statusMessage;

    public IReadOnlyList<string> ParentUuids => Parents?.Select(p => p!.GetValue<string>()).ToList() ?? [];

    /// <summary>User skip (API) or automatic skip (pre-condition found nothing to do).</summary>
    public void Skip(string statusMessage) { MoveFrom(ActionStates.Skipped, ActionStates.Pending); StatusMessage = statusMessage; }

    public void Begin() => MoveFrom(ActionStates.Ongoing, ActionStates.Pending);
    public void Succeed() => MoveFrom(ActionStates.Succeeded, ActionStates.Ongoing, ActionStates.Cancelling);

    /// <summary>Failure in pre-condition (from PENDING), execute (ONGOING) or post-condition (SUCCEEDED).</summary>
    public void Fail(string statusMessage, bool keepExistingMessage = false)
    {
        MoveFrom(ActionStates.Failed, ActionStates.Pending, ActionStates.Ongoing, ActionStates.Succeeded, ActionStates.Cancelling);
        if (!keepExistingMessage || StatusMessage is null) StatusMessage = statusMessage;
    }

    public void BeginCancel() => MoveFrom(ActionStates.Cancelling, ActionStates.Ongoing);

    public void Cancel(string? statusMessage = null)
    {
        MoveFrom(ActionStates.Cancelled, ActionStates.Pending, ActionStates.Ongoing, ActionStates.Cancelling);
        if (statusMessage is not null) StatusMessage = statusMessage;
    }

    public void Delete(DateTime nowUtc)
    {
        State = ActionStates.Deleted;
        SoftDelete(nowUtc);
    }

    private void MoveFrom(string target, params string[] allowedFrom)
    {
        if (!allowedFrom.Contains(State)) throw new Shared.Errors.StateTransitionException(State, target);
        State = target;
    }
}
