using MediatR;

namespace Watcher.Modules.Applier.Contracts;

/// <summary>
/// How far an action plan got, read from its actions' states (any process can answer; the dashboard and
/// GET /progress/action_plans/{uuid} use it). Unknown plan: NotFoundException (404).
/// </summary>
public sealed record GetActionPlanProgress(string ActionPlanUuid) : IRequest<ActionPlanProgress>;

/// <summary>
/// A plan's state and its actions counted by outcome: done (succeeded or skipped), failed, cancelled, running
/// (ONGOING or CANCELLING) and pending; left = running + pending. <see cref="RunningActions"/> names the running ones.
/// </summary>
public sealed record ActionPlanProgress(
    string ActionPlanUuid,
    string State,
    string? StatusMessage,
    int Total,
    int Succeeded,
    int Skipped,
    int Failed,
    int Cancelled,
    int Running,
    int Pending,
    IReadOnlyList<RunningAction> RunningActions)
{
    public int Done => Succeeded + Skipped;
    public int Left => Running + Pending;
}

/// <summary>An action executing now.</summary>
public sealed record RunningAction(string Uuid, string ActionType, string State);
