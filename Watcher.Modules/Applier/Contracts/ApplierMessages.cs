using MediatR;

namespace Watcher.Modules.Applier.Contracts;

/// <summary>
/// Upstream's launch_action_plan cast: the plan is already PENDING (or RECOMMENDED with auto_trigger); the
/// applier queues it and returns at once.
/// </summary>
public sealed record LaunchActionPlan(string ActionPlanUuid) : INotification;
