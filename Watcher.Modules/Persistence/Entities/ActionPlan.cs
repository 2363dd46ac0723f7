using System.Text.Json.Nodes;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Persistence.Entities;

public static class ActionPlanStates
{
    public const string Recommended = "RECOMMENDED", Pending = "PENDING", Ongoing = "ONGOING", Succeeded = "SUCCEEDED",
        Failed = "FAILED", Cancelling = "CANCELLING", Cancelled = "CANCELLED", Superseded = "SUPERSEDED", Deleted = "DELETED";

    public static readonly IReadOnlyList<string> All =
        [Recommended, Pending, Ongoing, Succeeded, Failed, Cancelling, Cancelled, Superseded, Deleted];
}

/// <summary>The planner's ordered actions for one audit run, and their execution state (reference §4.2).</summary>
public sealed class ActionPlan : UuidEntity
{
    /// <summary>The moves the API may ask for through PATCH /state.</summary>
    private static readonly Dictionary<string, string[]> ApiTransitions = new()
    {
        [ActionPlanStates.Recommended] = [ActionPlanStates.Pending, ActionPlanStates.Cancelled],
        [ActionPlanStates.Pending] = [ActionPlanStates.Cancelled],
        [ActionPlanStates.Ongoing] = [ActionPlanStates.Cancelling],
    };

    public int AuditId { get; set; }
    public Audit Audit { get; set; } = null!;
    public int StrategyId { get; set; }
    public Strategy Strategy { get; set; } = null!;
    public string State { get; private set; } = ActionPlanStates.Recommended;
    /// <summary>List of {name, description, unit, value}.</summary>
    public JsonArray GlobalEfficacy { get; set; } = new();
    public string? Hostname { get; set; }
    /// <summary>Instance id of the process executing the plan (<see cref="WatcherProcess"/>); liveness follows it.</summary>
    public string? ClaimedBy { get; set; }
    public string? StatusMessage { get => _statusMessage; set => _statusMessage = Configurations.ColumnLengths.Cut(value); }
    private string? _statusMessage;
    public int Version { get; set; }
    public List<WatcherAction> Actions { get; set; } = [];
    public List<EfficacyIndicator> EfficacyIndicators { get; set; } = [];

    public static bool CanMove(string from, string to) => ApiTransitions.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>PATCH /state. Cancelling a plan that has not started cancels its actions at once.</summary>
    public void ChangeState(string target)
    {
        if (!CanMove(State, target)) throw new StateTransitionException(State, target);
        SetState(target);
        if (target != ActionPlanStates.Cancelled) return;
        CancelPendingActions(null);
        StatusMessage = null;   // a PENDING plan may have said which plan it waited for: no longer true
    }

    /// <summary>POST /start: only from RECOMMENDED.</summary>
    public void Start()
    {
        if (State != ActionPlanStates.Recommended)
            throw new InvalidRequestException($"Couldn't start when state is '{State}'.");
        SetState(ActionPlanStates.Pending);
    }

    /// <summary>The planner found nothing to do: the plan is finished at birth.</summary>
    public void MarkEmpty() => MoveFrom(ActionPlanStates.Succeeded, ActionPlanStates.Recommended);

    /// <summary>The applier begins (auto-trigger starts straight from RECOMMENDED).</summary>
    public void BeginExecution(string host, string? instance = null)
    {
        MoveFrom(ActionPlanStates.Ongoing, ActionPlanStates.Pending, ActionPlanStates.Recommended);
        Hostname = host;
        ClaimedBy = instance;
    }

    /// <summary>
    /// A live process takes over a plan whose executing process died, to find out from the cloud what its interrupted
    /// actions did before ending it (the state stays; the version moves, so only one process takes it over).
    /// </summary>
    public void TakeOver(string instance)
    {
        if (State is not (ActionPlanStates.Ongoing or ActionPlanStates.Cancelling))
            throw new StateTransitionException(State, State);
        ClaimedBy = instance;
        Version++;
    }

    public void Succeed() => MoveFrom(ActionPlanStates.Succeeded, ActionPlanStates.Ongoing);
    public void Fail() => MoveFrom(ActionPlanStates.Failed, ActionPlanStates.Ongoing, ActionPlanStates.Cancelling);

    /// <summary>The applier saw the cancellation (or the plan is cancelled by the engine); pending actions follow.</summary>
    public void Cancel(string? statusMessage = null)
    {
        MoveFrom(ActionPlanStates.Cancelled, ActionPlanStates.Recommended, ActionPlanStates.Pending,
            ActionPlanStates.Ongoing, ActionPlanStates.Cancelling);
        if (statusMessage is not null) StatusMessage = statusMessage;
        CancelPendingActions(null);
    }

    /// <summary>Expiry job: an old recommendation is superseded.</summary>
    public void Supersede() => MoveFrom(ActionPlanStates.Superseded, ActionPlanStates.Recommended);

    /// <summary>A plan that is not running (nor about to) may be deleted.</summary>
    public static bool CanDelete(string state) =>
        state is ActionPlanStates.Succeeded or ActionPlanStates.Recommended or ActionPlanStates.Failed
            or ActionPlanStates.Superseded or ActionPlanStates.Cancelled;

    public void Delete(DateTime nowUtc)
    {
        if (!CanDelete(State))
            throw new InvalidRequestException($"Couldn't delete when state is '{State}'.");
        SetState(ActionPlanStates.Deleted);
        SoftDelete(nowUtc);
        foreach (var action in Actions) action.Delete(nowUtc);
        foreach (var indicator in EfficacyIndicators) indicator.SoftDelete(nowUtc);
    }

    private void CancelPendingActions(string? message)
    {
        foreach (var action in Actions.Where(a => a.State == ActionStates.Pending)) action.Cancel(message);
    }

    private void MoveFrom(string target, params string[] allowedFrom)
    {
        if (!allowedFrom.Contains(State)) throw new StateTransitionException(State, target);
        SetState(target);
    }

    private void SetState(string target)
    {
        State = target;
        Version++;
    }
}

/// <summary>One efficacy value stored with a plan (not a resource of its own).</summary>
public sealed class EfficacyIndicator : UuidEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Unit { get; set; }
    public double? Value { get; set; }
    public int ActionPlanId { get; set; }
}
