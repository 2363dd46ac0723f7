using System.Text.Json.Nodes;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Persistence.Entities;

public static class AuditStates
{
    public const string Pending = "PENDING", Ongoing = "ONGOING", Succeeded = "SUCCEEDED", Failed = "FAILED",
        Cancelled = "CANCELLED", Suspended = "SUSPENDED", Deleted = "DELETED";

    public static readonly IReadOnlyList<string> All = [Pending, Ongoing, Succeeded, Failed, Cancelled, Suspended, Deleted];

    /// <summary>States in which a continuous audit's job is dropped.</summary>
    public static readonly IReadOnlySet<string> Inactive = new HashSet<string> { Cancelled, Deleted, Failed, Suspended };
}

public static class AuditTypes
{
    public const string Oneshot = "ONESHOT", Continuous = "CONTINUOUS", Event = "EVENT";
    public static readonly IReadOnlyList<string> All = [Oneshot, Continuous, Event];
}

/// <summary>
/// A request to optimise the cluster for a goal. State rules (reference §4.1) live here and nowhere else:
/// <see cref="ChangeState"/> for API moves, the other methods for the decision engine's own moves.
/// </summary>
public sealed class Audit : UuidEntity
{
    private static readonly Dictionary<string, string[]> ApiTransitions = new()
    {
        [AuditStates.Pending] = [AuditStates.Ongoing, AuditStates.Cancelled],
        [AuditStates.Ongoing] = [AuditStates.Failed, AuditStates.Succeeded, AuditStates.Cancelled, AuditStates.Suspended],
        [AuditStates.Failed] = [AuditStates.Deleted],
        [AuditStates.Succeeded] = [AuditStates.Deleted],
        [AuditStates.Cancelled] = [AuditStates.Deleted],
        [AuditStates.Suspended] = [AuditStates.Ongoing, AuditStates.Deleted],
        [AuditStates.Deleted] = [],
    };

    public string Name { get; set; } = "";
    public string AuditType { get; set; } = AuditTypes.Oneshot;
    public string State { get; private set; } = AuditStates.Pending;
    public JsonObject Parameters { get; set; } = new();
    public string? Interval { get; set; }
    public int GoalId { get; set; }
    public Goal Goal { get; set; } = null!;
    public int? StrategyId { get; set; }
    public Strategy? Strategy { get; set; }
    public JsonArray Scope { get; set; } = new();
    public bool AutoTrigger { get; set; }
    public DateTime? NextRunTime { get; set; }
    public string? Hostname { get; set; }
    /// <summary>Instance id of the process running this audit right now (<see cref="WatcherProcess"/>); null between runs.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? StartTime { get; set; }
    public DateTime? EndTime { get; set; }
    public bool Force { get; set; }
    public string? StatusMessage { get => _statusMessage; set => _statusMessage = Configurations.ColumnLengths.Cut(value); }
    private string? _statusMessage;
    /// <summary>Optimistic-concurrency token, bumped on every state change.</summary>
    public int Version { get; set; }

    public static bool CanMove(string from, string to) => ApiTransitions.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>A state change asked through the API (PATCH /state); illegal moves throw.</summary>
    public void ChangeState(string target)
    {
        if (!CanMove(State, target)) throw new StateTransitionException(State, target);
        SetState(target);
    }

    /// <summary>
    /// The decision engine begins a run (an EVENT audit may be re-run from SUCCEEDED). The version bump makes
    /// saving it a conditional update: of two processes claiming the same run, one wins.
    /// </summary>
    public void BeginRun(string host, string? instance = null)
    {
        if (State is not (AuditStates.Pending or AuditStates.Ongoing or AuditStates.Succeeded))
            throw new StateTransitionException(State, AuditStates.Ongoing);
        Hostname = host;
        ClaimedBy = instance;
        SetState(AuditStates.Ongoing);
    }

    /// <summary>The run is over (whatever its outcome): no process holds the audit any more.</summary>
    public void EndRun() => ClaimedBy = null;

    public void Succeed() => MoveFrom(AuditStates.Succeeded, AuditStates.Ongoing);
    public void Fail() => MoveFrom(AuditStates.Failed, AuditStates.Ongoing, AuditStates.Pending);
    public void Cancel(string? statusMessage = null)
    {
        MoveFrom(AuditStates.Cancelled, AuditStates.Pending, AuditStates.Ongoing, AuditStates.Succeeded, AuditStates.Suspended);
        ClaimedBy = null;
        if (statusMessage is not null) StatusMessage = statusMessage;
    }

    /// <summary>Only finished (or suspended) audits may be deleted.</summary>
    public static bool CanDelete(string state) =>
        state is AuditStates.Failed or AuditStates.Succeeded or AuditStates.Cancelled or AuditStates.Suspended;

    /// <summary>API delete: only finished audits; sets DELETED and soft-deletes the row.</summary>
    public void Delete(DateTime nowUtc)
    {
        if (!CanDelete(State))
            throw new InvalidRequestException($"Couldn't delete when state is '{State}'.");
        SetState(AuditStates.Deleted);
        SoftDelete(nowUtc);
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
