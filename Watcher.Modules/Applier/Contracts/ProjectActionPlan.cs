using MediatR;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Applier.Contracts;

/// <summary>
/// What-if: the plan's actions projected on a copy of the current compute model, in the order the applier would
/// run them, without touching the cloud. Only for plans that have not started (RECOMMENDED or PENDING); any
/// other state is a 409, since the model no longer shows the cluster the plan was made for.
/// </summary>
public sealed record ProjectActionPlan(string ActionPlanUuid) : IRequest<PlanProjection>;

/// <summary>The projection: every host before, after and at its peak, and what became of each action.</summary>
public sealed record PlanProjection(
    string ActionPlanUuid,
    string State,
    DateTimeOffset ComputedAt,
    int Waves,
    IReadOnlyList<HostProjection> Hosts,
    IReadOnlyList<ProjectedAction> Actions)
{
    public IEnumerable<HostProjection> Emptied => Hosts.Where(h => h.Change == HostChange.Emptied);
    public IEnumerable<HostProjection> Filled => Hosts.Where(h => h.Change == HostChange.Filled);
}

/// <summary>
/// One host: its usage now, after the whole plan, and the most it holds while the plan runs — a live migration
/// claims the destination while the source still holds the server, so actions running side by side can push a
/// host above both its before and after figures.
/// </summary>
public sealed record HostProjection(HostUsage Before, HostUsage After, HostUsage Peak, string Change)
{
    public bool OverCapacityAtPeak => Peak.MaxPercent > 100.0001;
}

/// <summary>How a host comes out of the plan.</summary>
public static class HostChange
{
    /// <summary>Held servers before, holds none after.</summary>
    public const string Emptied = "emptied";
    /// <summary>Claims more after than before.</summary>
    public const string Filled = "filled";
    /// <summary>Claims less after, but still holds servers.</summary>
    public const string Relieved = "relieved";
    /// <summary>Same claims; its service may still change (enabled/disabled).</summary>
    public const string Unchanged = "unchanged";
}

/// <summary>
/// One action of the plan in the projection: the wave it runs in (1 = no parents; 0 = never runs, its parents form
/// a cycle) and its outcome.
/// </summary>
public sealed record ProjectedAction(string Uuid, string ActionType, int Wave, string Outcome, string? Note);

public static class ProjectionOutcome
{
    /// <summary>Its effect is in the "after" figures.</summary>
    public const string Applied = "applied";
    /// <summary>Its effect does not show in usage (a pause, a log line, a stopped server keeping its claims).</summary>
    public const string NoUsageChange = "no_usage_change";
    /// <summary>The applier's pre-condition would skip it on the current cluster (or a user skipped it).</summary>
    public const string WouldSkip = "would_skip";
    /// <summary>The applier's pre-condition would fail it on the current cluster.</summary>
    public const string WouldFail = "would_fail";
    /// <summary>Its result cannot be known beforehand (a destination left to Nova's scheduler).</summary>
    public const string Unknown = "unknown";
    /// <summary>The action type has no model effect written, or is not built.</summary>
    public const string NotModelled = "not_modelled";
}
